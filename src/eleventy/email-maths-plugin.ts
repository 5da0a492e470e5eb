import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import type MarkdownIt from "markdown-it";
import { Resvg } from "@resvg/resvg-js";
import { newsletterConfig } from "../config/newsletter-config.ts";
import { emailLogoFile, emailLogoHeight } from "../email/email-assets.ts";
import { mathsImageFolder, siteMathsImages, texFormulas } from "../email/maths-images.ts";
import type { EleventyConfig } from "./eleventy-config.ts";

/**
 * The email edition's images, published with the site when newsletter.yml has an `email` section
 * or `feeds.email_safe_maths`: each formula of every rendered issue as `/email/maths/<hash>.png`
 * (src/email/maths-images.ts), and an SVG logo as `/email/logo.png`, since Gmail and Outlook show
 * no SVG. Formulas are taken from the HTML markdown-it renders, as the feeds take it.
 */
export function emailMathsPlugin(eleventyConfig: EleventyConfig): void {
  const config = newsletterConfig();
  if (!config.email && !config.feeds.emailSafeMaths) return;
  const images = siteMathsImages();
  eleventyConfig.on("eleventy.before", () => images.ready());
  eleventyConfig.amendLibrary("md", (md: MarkdownIt) => {
    const render = md.render.bind(md);
    md.render = (source: string, env?: unknown) => {
      const html = render(source, env);
      for (const formula of texFormulas(html)) images.image(formula.tex, formula.display);
      return html;
    };
  });
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const started = performance.now();
    const { rendered, cached } = await images.writeTo(path.join(directories.output, mathsImageFolder));
    if (rendered + cached) {
      const seconds = ((performance.now() - started + images.convertMs) / 1000).toFixed(1);
      console.log(`Formula images: ${rendered} rendered, ${cached} from the cache, in ${seconds} s.`);
    }
    const logo = config.site.publisher.logo;
    if (config.email && logo?.toLowerCase().endsWith(".svg")) {
      const png = new Resvg(readFileSync(logo), { fitTo: { mode: "height", value: 2 * emailLogoHeight }, font: { loadSystemFonts: false } }).render().asPng();
      const file = path.join(directories.output, emailLogoFile);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, png);
    }
  });
}
