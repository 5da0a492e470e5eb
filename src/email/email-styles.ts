// The email's stylesheet, which juice inlines into every element (email-html.ts): Gmail and
// Outlook drop or ignore <style>, so everything needed to read the email is in style attributes.
// Colours are the site's light theme (assets/styles/_tokens.scss, _code.scss); only the dark
// scheme below stays a media query, for the clients that honour one (Apple Mail, iOS, Outlook.com).

const text = "#1d1f23";
const muted = "#4f5663";
const link = "#0b57a4";
const surface = "#f1f2ee";
const border = "#c9cdc4";
const accent = "#8a4b00";
const bodyFont = "Charter, 'Bitstream Charter', 'Sitka Text', Cambria, Georgia, serif";
const uiFont = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const codeFont = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

export const emailCss = `
body { margin: 0; padding: 0; width: 100%; background-color: #fdfdfb; color: ${text}; -webkit-text-size-adjust: 100%; }
.wrapper { width: 100%; background-color: #fdfdfb; }
.outer { padding: 0; }
.container { width: 100%; max-width: 600px; background-color: #ffffff; }
.top { padding: 12px 24px 0; font-family: ${uiFont}; font-size: 14px; line-height: 20px; color: ${muted}; text-align: right; }
.top a { color: ${link}; }
.masthead { padding: 16px 24px; border-bottom: 1px solid ${border}; font-family: ${uiFont}; font-size: 18px; line-height: 24px; font-weight: bold; }
.masthead a { color: ${text}; text-decoration: none; }
.masthead img { vertical-align: middle; border: 0; }
.content { padding: 8px 24px 24px; font-family: ${bodyFont}; font-size: 17px; line-height: 27px; color: ${text}; }
.kicker { margin: 16px 0 0; font-family: ${uiFont}; font-size: 14px; line-height: 20px; color: ${muted}; }
.footer { padding: 16px 24px 24px; border-top: 1px solid ${border}; font-family: ${uiFont}; font-size: 14px; line-height: 20px; color: ${muted}; }
.footer a { color: ${link}; }
h1 { margin: 8px 0 16px; font-family: ${uiFont}; font-size: 28px; line-height: 34px; color: ${text}; }
h2 { margin: 28px 0 12px; font-family: ${uiFont}; font-size: 22px; line-height: 28px; color: ${text}; }
h3, h4, h5, h6 { margin: 24px 0 8px; font-family: ${uiFont}; font-size: 18px; line-height: 24px; color: ${text}; }
p { margin: 0 0 16px; }
ul, ol { margin: 0 0 16px; padding-left: 24px; }
li { margin: 0 0 6px; }
a { color: ${link}; text-decoration: underline; }
strong, b { font-weight: bold; }
blockquote { margin: 0 0 16px; padding: 0 0 0 16px; border-left: 4px solid ${border}; color: ${muted}; }
hr { border: 0; border-top: 1px solid ${border}; margin: 24px 0; }
img { max-width: 100%; height: auto; border: 0; }
code { font-family: ${codeFont}; font-size: 15px; background-color: ${surface}; padding: 1px 3px; }
pre { margin: 0 0 16px; padding: 12px; background-color: ${surface}; font-family: ${codeFont}; font-size: 14px; line-height: 21px; white-space: pre-wrap; word-wrap: break-word; overflow-wrap: anywhere; }
pre code { background-color: transparent; padding: 0; font-size: 14px; }
.table-scroll { width: 100%; overflow-x: auto; margin: 0 0 16px; }
table.data { border-collapse: collapse; font-size: 15px; line-height: 22px; }
table.data th, table.data td { border: 1px solid ${border}; padding: 4px 8px; text-align: left; vertical-align: top; }
figure { margin: 0 0 16px; }
figcaption { font-style: italic; font-size: 15px; line-height: 22px; color: ${muted}; }
.callout { margin: 0 0 16px; padding: 4px 16px; border-left: 4px solid ${accent}; }
.callout-why { background-color: #e8f0fb; }
.callout-insight { background-color: #fbf3de; }
.callout-takeaway { background-color: #e6f4ea; }
.maths { vertical-align: middle; background-color: #ffffff; }
.maths-display { margin: 0 0 16px; text-align: center; }
.footnotes { margin-top: 24px; border-top: 1px solid ${border}; padding-top: 8px; font-size: 15px; line-height: 23px; }
.footnote-ref { font-size: 14px; line-height: 0; }
.footnotes-list { list-style: none; padding-left: 0; }
.footnote-label { font-weight: bold; margin-right: 6px; }
.token.keyword, .token.atrule, .token.important, .token.selector { color: #8b1f9a; }
.token.string, .token.char, .token.attr-value, .token.inserted, .token.regex { color: #1a6b2a; }
.token.number, .token.boolean, .token.constant, .token.symbol { color: #8a4b00; }
.token.function, .token.class-name, .token.tag { color: #0b57a4; }
.token.comment, .token.prolog, .token.doctype, .token.cdata { color: #5c6166; }
.token.builtin, .token.decorator, .token.annotation { color: #6a3d9a; }
.token.property, .token.attr-name, .token.entity, .token.url { color: #9a3412; }
.token.deleted { color: #b00020; }
.token.variable, .token.parameter { color: #a0410c; }
.token.important, .token.bold { font-weight: bold; }
@media (prefers-color-scheme: dark) {
  body, .wrapper { background-color: #15171a !important; }
  .container { background-color: #202328 !important; }
  .content, .masthead a, h1, h2, h3, h4, h5, h6 { color: #e6e6e1 !important; }
  .top, .kicker, .footer, figcaption, blockquote { color: #b3b8c0 !important; }
  a, .top a, .footer a { color: #8cc4ff !important; }
  pre, code { background-color: #15171a !important; }
  .callout-why { background-color: #1b2a3d !important; }
  .callout-insight { background-color: #33290f !important; }
  .callout-takeaway { background-color: #183020 !important; }
  .token { color: #e6e6e1 !important; }
}
`;
