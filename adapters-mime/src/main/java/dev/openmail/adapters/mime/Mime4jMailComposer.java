package dev.openmail.adapters.mime;

import dev.openmail.domain.mail.Composition;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.port.out.ComposeMail;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.EncoderUtil;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.field.ContentTypeFieldImpl;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.field.address.AddressFormatter;
import org.apache.james.mime4j.message.BodyPartBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.message.MessageBuilder;
import org.apache.james.mime4j.message.MultipartBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Writes outgoing messages with Mime4j's builders. Header values are handed to Mime4j unfolded and on one line: its
 * writer folds every field at white space itself, and a value that already held a line break could end the header
 * early or start a field of its own (Mime4j 0.8.14 throws on such a value, which would fail the send instead).
 *
 * <p>No control character goes into the header raw but the CRLF ending its lines (RFC 5322 sections 2.2 and 3.2.3
 * allow none there, NUL least of all): text (subject, display name, file name) that holds one is encoded, and in an
 * address or a message id, which cannot be encoded, each becomes a space, as CR and LF do. The domain refuses such
 * values where a client gives them; this guards what comes from received mail, such as the sender a reply copies.
 */
@Singleton
public final class Mime4jMailComposer implements ComposeMail {

    private static final String OCTET_STREAM = "application/octet-stream";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    /** RFC 5322 section 2.1.1: a line must not be longer than this, CRLF excluded. */
    private static final int MAX_LINE = 998;

    /**
     * Longest RFC 2231 value section, in encoded characters: with {@code filename*NN*=} in front and the writer's
     * fold before it, each section stays on a line of less than 78 characters.
     */
    private static final int SECTION_LENGTH = 60;

    /** RFC 2046 section 5.2: these must stay readable as they are, so base64 is not allowed for them. */
    private static final Set<String> UNENCODABLE_TYPES =
            Set.of("message/rfc822", "message/partial", "message/external-body");

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    /** C0 (tab included), DEL and C1. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    @Override
    public byte[] compose(Composition composition) {
        try {
            return DefaultMessageWriter.asBytes(message(composition));
        } catch (IOException e) {
            // everything is in memory, so this means a bug rather than a failing disk or network
            throw new UncheckedIOException(e);
        }
    }

    private static Message message(Composition composition) throws IOException {
        // unlike MessageBuilder.create(), the constructor starts without fields, so they are written in this order
        MessageBuilder message = new MessageBuilder();
        message.addField(field("Date", MimeUtil.formatDate(Date.from(composition.date()), UTC)));
        message.addField(field("From", mailbox(composition.fromDisplayName(), composition.fromAddress())));
        if (!composition.to().isEmpty()) {
            message.addField(field("To", addressList(composition.to())));
        }
        if (!composition.cc().isEmpty()) {
            message.addField(field("Cc", addressList(composition.cc())));
        }
        if (present(composition.replyTo())) {
            message.addField(field("Reply-To", mailbox(null, composition.replyTo())));
        }
        message.addField(field("Subject", subject(composition.subject())));
        message.addField(field("Message-ID", messageId(composition.rfcMessageId())));
        if (present(composition.inReplyTo())) {
            message.addField(field("In-Reply-To", messageId(composition.inReplyTo())));
        }
        List<String> references = composition.references().stream().filter(Mime4jMailComposer::present).toList();
        if (!references.isEmpty()) {
            StringJoiner ids = new StringJoiner(" ");
            references.forEach(id -> ids.add(messageId(id)));
            message.addField(field("References", ids.toString()));
        }
        if (composition.listUnsubscribeUrlOrNull() != null) {
            // RFC 8058: the link unsubscribes by a POST alone, so a mail provider can offer one-click unsubscribing
            message.addField(field("List-Unsubscribe", "<" + composition.listUnsubscribeUrlOrNull() + ">"));
            message.addField(field("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        }
        message.addField(field("MIME-Version", "1.0"));

        BodyPartBuilder content = content(composition);
        message.setBody(content.getBody());
        for (Field field : content.getFields()) {
            message.setField(field);
        }
        return message.build();
    }

    private static BodyPartBuilder content(Composition composition) throws IOException {
        BodyPartBuilder body = text(composition.bodyText(), "plain");
        if (composition.bodyHtml() != null && !composition.bodyHtml().isEmpty()) {
            body = multipart("alternative", List.of(body, text(composition.bodyHtml(), "html")));
        }
        if (!composition.attachments().isEmpty()) {
            List<BodyPartBuilder> parts = new ArrayList<>();
            parts.add(body);
            for (ParsedAttachment attachment : composition.attachments()) {
                parts.add(attachment(attachment));
            }
            body = multipart("mixed", parts);
        }
        return body;
    }

    private static BodyPartBuilder multipart(String subtype, List<BodyPartBuilder> parts) {
        MultipartBuilder multipart = MultipartBuilder.create(subtype);
        parts.forEach(multipart::addBodyPart);
        return BodyPartBuilder.create().setBody(multipart.build());
    }

    /**
     * Line breaks become CRLF, the canonical form of text (RFC 2046 section 4.1.1), so a reader gets CRLF back
     * whatever the text came with.
     */
    private static BodyPartBuilder text(String text, String subtype) throws IOException {
        String canonical = LINE_BREAK.matcher(text).replaceAll("\r\n");
        return BodyPartBuilder.create()
                .setBody(canonical, subtype, StandardCharsets.UTF_8)
                .setContentTransferEncoding(isSevenBit(canonical) ? MimeUtil.ENC_7BIT : MimeUtil.ENC_QUOTED_PRINTABLE);
    }

    private static BodyPartBuilder attachment(ParsedAttachment attachment) throws IOException {
        ContentTypeField type = contentType(attachment.contentType());
        String mimeType = type == null ? OCTET_STREAM : type.getMimeType();
        String encoding = UNENCODABLE_TYPES.contains(mimeType) && isSevenBit(attachment.content())
                ? MimeUtil.ENC_7BIT
                : MimeUtil.ENC_BASE64;
        return BodyPartBuilder.create()
                .setBody(attachment.content(), mimeType)
                .setField(field("Content-Type", type == null ? OCTET_STREAM : contentTypeValue(type)))
                .setContentTransferEncoding(encoding)
                .setField(field("Content-Disposition", disposition(attachment.filename())));
    }

    /** The declared type when it is one Mime4j reads without error, otherwise null. */
    private static ContentTypeField contentType(String declared) {
        String value = oneLine(declared).strip();
        if (value.isEmpty()) {
            return null;
        }
        ContentTypeField type = ContentTypeFieldImpl.PARSER.parse(new RawField("Content-Type", value),
                DecodeMonitor.SILENT);
        String mimeType = type.getMimeType();
        int slash = mimeType == null ? -1 : mimeType.indexOf('/');
        boolean wellFormed = type.getParseException() == null && slash > 0
                && TOKEN.matcher(mimeType.substring(0, slash)).matches()
                && TOKEN.matcher(mimeType.substring(slash + 1)).matches()
                // a multipart needs parts a reader can find; here it would only hold base64
                && !type.isMultipart();
        return wellFormed ? type : null;
    }

    /** The type with those of its parameters that can be written as they are; others could not be read back. */
    private static String contentTypeValue(ContentTypeField type) {
        StringBuilder value = new StringBuilder(type.getMimeType());
        type.getParameters().forEach((name, parameter) -> {
            if (TOKEN.matcher(name).matches() && isPrintableAscii(parameter)) {
                value.append("; ").append(EncoderUtil.encodeHeaderParameter(name, parameter));
            }
        });
        return value.toString();
    }

    private static String disposition(String filename) {
        String name = oneLine(filename).strip();
        if (name.isEmpty()) {
            return "attachment";
        }
        String plain = EncoderUtil.encodeHeaderParameter("filename", name);
        // a long quoted name would be folded inside its quotes, which not every reader undoes; and readers decode what
        // looks like an encoded word in a quoted name (RFC 2047 forbids it there, but that is what they do), which
        // the RFC 2231 form keeps them from
        if (isPrintableAscii(name) && plain.length() <= SECTION_LENGTH + 10 && !name.contains("=?")) {
            return "attachment; " + plain;
        }
        return "attachment; " + extendedParameter("filename", name);
    }

    /**
     * RFC 2231 form in UTF-8, split into numbered sections so that the writer can fold between them; a section never
     * ends inside a character, since readers may decode each on its own.
     */
    private static String extendedParameter(String name, String value) {
        List<String> sections = new ArrayList<>();
        StringBuilder section = new StringBuilder("UTF-8''");
        value.codePoints().forEach(codePoint -> {
            String encoded = percentEncoded(codePoint);
            if (section.length() + encoded.length() > SECTION_LENGTH) {
                sections.add(section.toString());
                section.setLength(0);
            }
            section.append(encoded);
        });
        sections.add(section.toString());
        StringJoiner parameter = new StringJoiner("; ");
        for (int i = 0; i < sections.size(); i++) {
            parameter.add(name + "*" + i + "*=" + sections.get(i));
        }
        return parameter.toString();
    }

    private static String percentEncoded(int codePoint) {
        // attribute-char of RFC 2231: a token character other than '*', '\'' and '%'; '+' is one, but readers that
        // decode these values as URLs (Mime4j up to 0.8.14 among them) take it for a space, so it goes as %2B
        if (codePoint < 0x80 && codePoint != '*' && codePoint != '\'' && codePoint != '%' && codePoint != '+'
                && TOKEN.matcher(Character.toString(codePoint)).matches()) {
            return Character.toString(codePoint);
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
        }
        return encoded.toString();
    }

    private static String mailbox(String displayName, String address) {
        String addrSpec = addrSpec(address);
        if (displayName == null || oneLine(displayName).isBlank()) {
            return addrSpec;
        }
        return phrase(oneLine(displayName).strip()) + " <" + addrSpec + ">";
    }

    private static String addressList(List<String> addresses) {
        StringJoiner list = new StringJoiner(", ");
        addresses.forEach(address -> list.add(addrSpec(address)));
        return list.toString();
    }

    /**
     * Mime4j quotes a local part that needs it; the domain has already refused anything else odd in what a client
     * sent, and a control character from received mail becomes a space.
     */
    private static String addrSpec(String address) {
        String value = withoutControls(address).strip();
        int at = value.lastIndexOf('@');
        Mailbox mailbox = at < 0
                ? new Mailbox(value, null)
                : new Mailbox(value.substring(0, at), value.substring(at + 1));
        return AddressFormatter.DEFAULT.encode(mailbox);
    }

    /**
     * Mime4j leaves text that merely looks like an encoded word unencoded, and readers would then decode it; it also
     * picks ISO-8859-1 when that suffices, where UTF-8 is what the bodies use.
     */
    private static String phrase(String displayName) {
        if (displayName.contains("=?") || hasControl(displayName) || EncoderUtil.hasToBeEncoded(displayName, 0)) {
            return EncoderUtil.encodeEncodedWord(displayName, EncoderUtil.Usage.WORD_ENTITY, 0,
                    StandardCharsets.UTF_8, null);
        }
        return EncoderUtil.encodeAddressDisplayName(displayName);
    }

    private static String subject(String subject) {
        String value = oneLine(subject);
        int used = "Subject: ".length();
        if (value.contains("=?") || hasControl(value) || EncoderUtil.hasToBeEncoded(value, used)) {
            return EncoderUtil.encodeEncodedWord(value, EncoderUtil.Usage.TEXT_TOKEN, used, StandardCharsets.UTF_8,
                    null);
        }
        return value;
    }

    /** A message id cannot be encoded, so a control character in one (from received mail) becomes a space. */
    private static String messageId(String id) {
        return "<" + withoutControls(id).strip() + ">";
    }

    /** Parsed, since the builders read some fields back (Date, Content-Type) as parsed ones. */
    private static Field field(String name, String value) {
        return LenientFieldParser.getParser().parse(new RawField(name, value), DecodeMonitor.SILENT);
    }

    /** Each CR and LF becomes a space, so that no value can end its header line. */
    private static String oneLine(String value) {
        return value.replace('\r', ' ').replace('\n', ' ');
    }

    /** Each control character (CR and LF among them) becomes a space, for values that cannot be encoded. */
    private static String withoutControls(String value) {
        return CONTROL.matcher(value).replaceAll(" ");
    }

    /** Whether the value holds a control character other than CR and LF, which {@link #oneLine} has made spaces. */
    private static boolean hasControl(String value) {
        return CONTROL.matcher(value).find();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean isPrintableAscii(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    /** Whether text in canonical form (CR and LF only as CRLF) may go out as it is. */
    private static boolean isSevenBit(String canonical) {
        int lineLength = 0;
        for (int i = 0; i < canonical.length(); i++) {
            char c = canonical.charAt(i);
            if (c == '\n') {
                lineLength = 0;
            } else if (c == '\r') {
                continue;
            } else if ((c < 0x20 && c != '\t') || c >= 0x7F || ++lineLength > MAX_LINE) {
                return false;
            }
        }
        return true;
    }

    /** Whether bytes are ASCII lines ending in CRLF, none of them too long, as 7bit (RFC 2045 section 2.7) asks. */
    private static boolean isSevenBit(byte[] content) {
        int lineLength = 0;
        for (int i = 0; i < content.length; i++) {
            int b = content[i];
            if (b == '\r') {
                if (i + 1 >= content.length || content[i + 1] != '\n') {
                    return false;
                }
                i++;
                lineLength = 0;
            } else if (b == '\n' || b == 0 || b < 0 || ++lineLength > MAX_LINE) {
                return false;
            }
        }
        return true;
    }
}
