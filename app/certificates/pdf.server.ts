/**
 * The printable certificate: A4 landscape, Noto Sans embedded (subset) so any
 * Latin-script name prints right, and a QR code drawn as vector squares that
 * opens the verification page.
 */
import { createRequire } from "node:module";
import type { Certificate } from "~/db/schema";
import type { Language } from "~/i18n/language";
import { messages } from "~/i18n/messages";

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve("@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf");
const FONT_BOLD = require.resolve("@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf");

export async function certificatePdf(
  cert: Pick<Certificate, "code" | "learnerName" | "courseTitle" | "courseVersion" | "issuedAt" | "revokedAt">,
  options: { verifyUrl: string; issuerName: string; locale?: Language },
): Promise<Buffer> {
  // Loaded on the first certificate printed, not by every server start.
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import("pdfkit"), import("qrcode")]);
  const t = messages[options.locale ?? "en"].certificatePdf;
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    info: { Title: `${t.title}: ${cert.courseTitle}`, Author: options.issuerName, Subject: cert.learnerName, Keywords: cert.code },
  });
  doc.registerFont("regular", FONT_REGULAR);
  doc.registerFont("bold", FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));

  const W = doc.page.width;
  const H = doc.page.height;
  const green = "#0b5d3b";
  doc
    .lineWidth(6)
    .strokeColor(green)
    .rect(24, 24, W - 48, H - 48)
    .stroke();
  doc
    .lineWidth(1)
    .strokeColor("#d98a00")
    .rect(36, 36, W - 72, H - 72)
    .stroke();

  const centred = (text: string, y: number, font: string, size: number, maxWidth = W - 160, color = "#1b1f1d") => {
    doc.font(font);
    let s = size;
    while (s > 10 && doc.fontSize(s).widthOfString(text) > maxWidth) s -= 1;
    doc.fontSize(s).fillColor(color);
    // A very long text that still does not fit at 10 pt wraps within the width.
    doc.text(text, (W - maxWidth) / 2, y, { width: maxWidth, align: "center" });
  };

  centred(options.issuerName, 70, "bold", 16, W - 160, green);
  centred(t.title, 110, "bold", 34);
  centred(t.certifies, 180, "regular", 15);
  centred(cert.learnerName, 210, "bold", 34, W - 200);
  centred(t.completed, 275, "regular", 15);
  centred(cert.courseTitle, 303, "bold", 24, W - 200);
  const date = new Intl.DateTimeFormat(options.locale === "en" || !options.locale ? "en-GB" : options.locale, { dateStyle: "long", timeZone: "UTC" }).format(
    cert.issuedAt,
  );
  centred(`${t.version} ${cert.courseVersion}  ·  ${t.issued} ${date}`, 360, "regular", 13);

  if (cert.revokedAt) {
    doc.save().rotate(-20, { origin: [W / 2, H / 2] });
    doc
      .font("bold")
      .fontSize(90)
      .fillColor("#a4161a")
      .opacity(0.35)
      .text(t.revoked, 0, H / 2 - 60, { width: W, align: "center" });
    doc.restore().opacity(1);
  }

  // The code and where to check it, bottom left.
  doc
    .font("regular")
    .fontSize(11)
    .fillColor("#4a524e")
    .text(`${t.code}:`, 70, H - 150);
  doc
    .font("bold")
    .fontSize(16)
    .fillColor("#1b1f1d")
    .text(cert.code, 70, H - 133);
  doc
    .font("regular")
    .fontSize(11)
    .fillColor("#4a524e")
    .text(`${t.verify}:`, 70, H - 105);
  doc
    .font("regular")
    .fontSize(11)
    .fillColor(green)
    .text(options.verifyUrl, 70, H - 90, { width: W - 320, link: options.verifyUrl, underline: true });

  // The QR code, bottom right, as vector squares.
  const qr = QRCode.create(options.verifyUrl, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const box = 110;
  const cell = box / (size + 8);
  const x0 = W - 70 - box;
  const y0 = H - 70 - box;
  doc.rect(x0, y0, box, box).fill("#ffffff");
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (qr.modules.get(r, c)) doc.rect(x0 + (c + 4) * cell, y0 + (r + 4) * cell, cell, cell);
    }
  }
  doc.fill("#000000");
  doc.end();
  return done;
}
