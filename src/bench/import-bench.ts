import { zipSync } from "fflate";

/** A tiny valid PNG (1×2 pixels would be dropped as a tracking pixel; this one is 4×4), varied per post so each image is its own file. */
function png(seed: number): Uint8Array {
  const bytes = Uint8Array.from(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4z8CAB+GTG8HSALfKY52fTcuYAAAAAElFTkSuQmCC", "base64"));
  const copy = new Uint8Array(bytes.length + 4);
  copy.set(bytes);
  new DataView(copy.buffer).setUint32(bytes.length, seed);
  return copy;
}

const csvCell = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * A Substack-shaped export zip of `count` posts: posts.csv and posts/<id>.html, each post with
 * headings, a captioned image (in the zip), a footnote, a LaTeX block, a subscribe widget and text.
 */
export function substackBenchZip(count: number, paragraphs = 8): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const rows = ["post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,podcast_url"];
  const encoder = new TextEncoder();
  for (let n = 1; n <= count; n++) {
    const id = `${100000 + n}.post-number-${n}`;
    const date = new Date(Date.UTC(2019, 0, 1) + n * 86_400_000).toISOString();
    rows.push([id, date, "true", date, "", "newsletter", n % 10 === 0 ? "only_paid" : "everyone", csvCell(`Post number ${n}`), csvCell(`The subtitle of post ${n}.`), ""].join(","));
    const image = `https://substack-post-media.s3.amazonaws.com/public/images/chart-${n}.png`;
    const text = Array.from({ length: paragraphs }, (_, p) => `<p>Paragraph ${p} of post ${n}, with <strong>bold</strong>, <em>emphasis</em>, a <a href="https://example.com/${n}/${p}">link</a> and $20 of text.</p>`).join("\n");
    files[`posts/${id}.html`] = encoder.encode(
      [
        `<h1>Heading of ${n}</h1>`,
        text,
        `<div class="captioned-image-container"><figure><a class="image-link image2" href="${image}"><div class="image2-inset"><picture><img src="https://substackcdn.com/image/fetch/w_1456,c_limit,f_auto/${encodeURIComponent(image)}" data-attrs='{"src":"${image}","alt":"Chart ${n}"}' alt=""></picture></div></a><figcaption class="image-caption">Figure ${n}: a chart</figcaption></figure></div>`,
        `<p>A claim<a class="footnote-anchor" id="footnote-anchor-1" href="#footnote-1">1</a>.</p>`,
        `<div class="latex-rendered" data-attrs='{"persistentExpression":"E = mc^2 + ${n}"}'></div>`,
        `<div class="subscription-widget-wrap"><p>Subscribe</p></div>`,
        `<h2>More</h2>`,
        text,
        `<div class="footnote"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number">1</a><div class="footnote-content"><p>The source of ${n}.</p></div></div>`,
      ].join("\n"),
    );
    files[`images/chart-${n}.png`] = png(n);
  }
  files["posts.csv"] = encoder.encode(`${rows.join("\n")}\n`);
  files["email_list.bench.csv"] = encoder.encode("email,active_subscription\nreader@example.com,true\n");
  return zipSync(files, { level: 1 });
}
