package dev.openmail.adapters.extract;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.hslf.usermodel.HSLFSlideShow;
import org.apache.poi.hslf.usermodel.HSLFTextBox;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Small files of each kind, generated with PDFBox, POI, Java2D and java.util.zip, each with known text. */
final class Corpus {

    private Corpus() {
    }

    /**
     * A Word 97-2003 binary document holding {@code Invoice 2847 total 1250 dollars}: no library here writes the
     * format, so it is shipped (test resources, {@code corpus/README.md} says how it was made).
     */
    static byte[] doc() throws IOException {
        try (var in = Corpus.class.getResourceAsStream("/corpus/invoice-2847.doc")) {
            if (in == null) {
                throw new IOException("corpus/invoice-2847.doc is missing from the test resources");
            }
            return in.readAllBytes();
        }
    }

    static byte[] pdf(String... pageTexts) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (String text : pageTexts) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 14);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            return save(document);
        }
    }

    /** {@code pages} full pages of text, {@code lines} lines of about 90 characters each, every line different. */
    static byte[] densePdf(int pages, int lines) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 9);
                    content.setLeading(14);
                    content.newLineAtOffset(40, 800);
                    for (int l = 0; l < lines; l++) {
                        content.showText("Page " + (p + 1) + " line " + (l + 1) + ": invoice 2847 for the quarter,"
                                + " total 1250.00 dollars, paid by the customer on time.");
                        content.newLine();
                    }
                    content.endText();
                }
            }
            return save(document);
        }
    }

    /** Pages that all share one content stream, so that many pages stay a small file. */
    static byte[] manyPagePdf(int pages, String text) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDPage first = new PDPage(PDRectangle.A4);
            org.apache.pdfbox.pdmodel.PDResources resources = new org.apache.pdfbox.pdmodel.PDResources();
            resources.put(COSName.getPDFName("F1"), font);
            first.setResources(resources);
            document.addPage(first);
            PDStream stream = new PDStream(document);
            try (OutputStream out = stream.createOutputStream(COSName.FLATE_DECODE)) {
                out.write(("BT /F1 12 Tf 72 700 Td (" + text + ") Tj ET").getBytes(StandardCharsets.US_ASCII));
            }
            first.setContents(stream);
            for (int i = 1; i < pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                page.setResources(first.getResources());
                page.setContents(stream);
                document.addPage(page);
            }
            return save(document);
        }
    }

    static byte[] encryptedPdf(String text) throws IOException {
        try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf(text))) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            return save(document);
        }
    }

    /** A PDF without a text layer: one page that is an image of the text. */
    static byte[] scannedPdf(String text) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDImageXObject image = LosslessFactory.createFromImage(document, textImage(text));
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(image, 20, 500, 560, 140);
            }
            return save(document);
        }
    }

    /**
     * A PDF whose objects refer to each other in loops: the page tree's kids hold the tree itself, and the content
     * stream's length is a reference to a reference back to itself. Written by hand, with a cross-reference table.
     */
    static byte[] loopingPdf() {
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 /Parent 2 0 R >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            "<< /Length 5 0 R >>\nstream\nBT ET\nendstream",
            "6 0 R",
            "5 0 R",
        };
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A docx encrypted with a password (ECMA-376 agile encryption), as Word saves one. */
    static byte[] encryptedDocx(String text) throws Exception {
        org.apache.poi.poifs.filesystem.POIFSFileSystem fs = new org.apache.poi.poifs.filesystem.POIFSFileSystem();
        org.apache.poi.poifs.crypt.EncryptionInfo info =
                new org.apache.poi.poifs.crypt.EncryptionInfo(org.apache.poi.poifs.crypt.EncryptionMode.agile);
        org.apache.poi.poifs.crypt.Encryptor encryptor = info.getEncryptor();
        encryptor.confirmPassword("secret");
        try (OutputStream out = encryptor.getDataStream(fs)) {
            out.write(docx(text));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        fs.writeFilesystem(bytes);
        fs.close();
        return bytes.toByteArray();
    }

    /** An xls encrypted with a password (RC4), as Excel saves one. */
    static byte[] encryptedXls(String text) throws IOException {
        org.apache.poi.hssf.record.crypto.Biff8EncryptionKey.setCurrentUserPassword("secret");
        try {
            return xls(text);
        } finally {
            org.apache.poi.hssf.record.crypto.Biff8EncryptionKey.setCurrentUserPassword(null);
        }
    }

    static BufferedImage textImage(String text) {
        BufferedImage image = new BufferedImage(1600, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 96));
        g.drawString(text, 60, 240);
        g.dispose();
        return image;
    }

    static byte[] png(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(textImage(text), "png", out);
        return out.toByteArray();
    }

    static byte[] docx(String text) throws IOException {
        try (XWPFDocument document = new XWPFDocument()) {
            document.createParagraph().createRun().setText(text);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xlsx(String text) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet("Invoices").createRow(0).createCell(0).setCellValue(text);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    static byte[] pptx(String text) throws IOException {
        try (XMLSlideShow slides = new XMLSlideShow()) {
            XSLFTextBox box = slides.createSlide().createTextBox();
            box.setText(text);
            box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            slides.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xls(String text) throws IOException {
        try (HSSFWorkbook workbook = new HSSFWorkbook()) {
            workbook.createSheet("Invoices").createRow(0).createCell(0).setCellValue(text);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    static byte[] ppt(String text) throws IOException {
        try (HSLFSlideShow slides = new HSLFSlideShow()) {
            HSLFTextBox box = slides.createSlide().createTextBox();
            box.setText(text);
            box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            slides.write(out);
            return out.toByteArray();
        }
    }

    /** An OpenDocument file: the mimetype entry first and stored, a manifest, and the content. */
    static byte[] openDocument(String mimeType, String body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] type = mimeType.getBytes(StandardCharsets.US_ASCII);
            ZipEntry entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(type.length);
            CRC32 crc = new CRC32();
            crc.update(type);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(type);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
                    + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" + mimeType + "\"/>"
                    + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                    + "</manifest:manifest>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                    + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                    + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
                    + " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""
                    + " xmlns:presentation=\"urn:oasis:names:tc:opendocument:xmlns:presentation:1.0\""
                    + " office:version=\"1.2\"><office:body>" + body + "</office:body></office:document-content>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static byte[] odt(String text) throws IOException {
        return openDocument("application/vnd.oasis.opendocument.text",
                "<office:text><text:p>" + text + "</text:p></office:text>");
    }

    static byte[] ods(String text) throws IOException {
        return openDocument("application/vnd.oasis.opendocument.spreadsheet",
                "<office:spreadsheet><table:table table:name=\"Sheet1\"><table:table-row><table:table-cell"
                        + " office:value-type=\"string\"><text:p>" + text + "</text:p></table:table-cell>"
                        + "</table:table-row></table:table></office:spreadsheet>");
    }

    static byte[] odp(String text) throws IOException {
        return openDocument("application/vnd.oasis.opendocument.presentation",
                "<office:presentation><draw:page draw:name=\"page1\"><draw:frame><draw:text-box><text:p>" + text
                        + "</text:p></draw:text-box></draw:frame></draw:page></office:presentation>");
    }

    static byte[] rtf(String text) {
        return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Helvetica;}}\\f0\\fs24 " + text + "\\par}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A zip holding one entry of {@code size} zero bytes, written as a stream (about 1 KB per MB). */
    static byte[] zipBomb(long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] block = new byte[1 << 20];
            for (long written = 0; written < size; written += block.length) {
                zip.write(block, 0, (int) Math.min(block.length, size - written));
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Zips inside zips, {@code depth} deep, the innermost holding a text file. */
    static byte[] nestedZips(int depth) throws IOException {
        byte[] inner = zip("innermost.txt", "the bottom");
        for (int level = depth - 1; level >= 1; level--) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry("level-" + level + ".zip"));
                zip.write(inner);
                zip.closeEntry();
            }
            inner = bytes.toByteArray();
        }
        return inner;
    }

    /** A zip of {@code members} empty stored members with short names. */
    static byte[] manyMemberZip(int members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < members; i++) {
                ZipEntry entry = new ZipEntry(Integer.toString(i, 36));
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(0);
                entry.setCrc(0);
                zip.putNextEntry(entry);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The docx with its document part replaced by {@code documentXml}. */
    static byte[] docxWithDocument(String documentXml) throws IOException {
        byte[] docx = docx("placeholder");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(docx));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("word/document.xml")) {
                    out.write(documentXml.getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static String billionLaughs() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        xml.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"");
            xml.append(("&lol" + (i - 1) + ";").repeat(10));
            xml.append("\">\n");
        }
        xml.append("]>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                + "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>");
        return xml.toString();
    }

    static byte[] half(byte[] file) {
        return Arrays.copyOf(file, file.length / 2);
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }
}
