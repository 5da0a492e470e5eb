/** Where the build publishes an SVG logo as PNG for the email edition (email clients show no SVG). */
export const emailLogoFile = "email/logo.png";
/** The logo's height in the email's header, in CSS pixels (its PNG holds twice as many). */
export const emailLogoHeight = 40;
