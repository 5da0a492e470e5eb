import { absoluteUrl } from "../site.ts";
import { mathElementFormula, mathsImageFolder, type MathsImage } from "./maths-images.ts";

const mathElement = /<math\b([^>]*)>([\s\S]*?)<\/math>/g;
const attributeText = (text: string) => text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A feed's HTML with each KaTeX formula's MathML replaced by the email edition's PNG of it
 * (`feeds.email_safe_maths`), for RSS-to-email: Gmail and Outlook show no MathML. `image`
 * sizes the formula and has the build publish its PNG (src/email/maths-images.ts).
 */
export function withMathsImages(html: string, image: (tex: string, display: boolean) => MathsImage, baseUrl: string): string {
  if (!html.includes("application/x-tex")) return html;
  return html.replace(mathElement, (math: string, attributes: string, inner: string) => {
    const formula = mathElementFormula(attributes, inner);
    if (!formula) return math;
    const { name, width, height } = image(formula.tex, formula.display);
    const img = `<img src="${attributeText(absoluteUrl(`${mathsImageFolder}/${name}`, baseUrl))}" width="${width}" height="${height}" alt="${attributeText(formula.tex)}" style="vertical-align: middle">`;
    return formula.display ? `<span style="display: block; text-align: center">${img}</span>` : img;
  });
}
