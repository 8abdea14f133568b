package dev.openmail.adapters.mime;

import dev.openmail.domain.port.out.ReadDeliveryReports;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Event;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads delivery status notifications (RFC 3464, and RFC 6533's UTF-8 form) and abuse feedback reports (RFC 5965)
 * with mime4j's pull parser. The report is a {@code multipart/report} of the right {@code report-type}, either the
 * message itself or a part nested at most {@value #MAX_REPORT_DEPTH} multiparts deep (some MTAs wrap it in a
 * {@code multipart/mixed}); its second part holds the fields, read as {@link ReportFields}. Only the structure counts:
 * a bounce written as prose, a report whose parts are missing or of the wrong type, and a report whose multipart ends
 * without its closing boundary (the message was cut) are all {@link Optional#empty()}.
 *
 * <p>Whatever the input, the work is bounded: at most {@value #MAX_PARTS} body parts and {@value #MAX_HEADER_FIELDS}
 * header fields per entity are read, the first {@value #MAX_PART_BYTES} bytes of a report part (the groups of fields
 * they hold whole), at most {@value #MAX_RECIPIENTS} recipients; the rest of a part is skipped by mime4j's linear scan
 * for the boundary.
 */
@Singleton
public final class Mime4jDeliveryReports implements ReadDeliveryReports {

    /** How many multiparts may enclose the report: 0 is the message itself. */
    static final int MAX_REPORT_DEPTH = 2;
    static final int MAX_PARTS = 100;
    static final int MAX_HEADER_FIELDS = 1_000;
    /** The bytes read of the status or feedback part, and of the returned message's header. */
    static final int MAX_PART_BYTES = 64 * 1024;
    static final int MAX_RECIPIENTS = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(Mime4jDeliveryReports.class);

    private static final MimeConfig CONFIG = MimeConfig.copy(MimeConfig.PERMISSIVE)
            .setMaxContentLen(-1)
            .setMaxHeaderCount(MAX_HEADER_FIELDS)
            .setMalformedHeaderStartsBody(true)
            .build();

    private static final Set<String> STATUS_PART_TYPES =
            Set.of("message/delivery-status", "message/global-delivery-status");
    private static final Set<String> RETURNED_HEADER_TYPES =
            Set.of("message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers");
    private static final Set<String> ACTIONS = Set.of("failed", "delayed", "delivered", "relayed", "expanded");

    @Override
    public Optional<DeliveryReport> read(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return Optional.empty();
        }
        try {
            return scan(raw);
        } catch (IOException | MimeException | RuntimeException e) {
            LOG.debug("A {}-byte message could not be read as a delivery report", raw.length, e);
            return Optional.empty();
        }
    }

    private static Optional<DeliveryReport> scan(byte[] raw) throws IOException, MimeException {
        PrematureEnds prematureEnds = new PrematureEnds();
        MimeTokenStream stream = new MimeTokenStream(CONFIG, prematureEnds,
                new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), DecodeMonitor.SILENT));
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(new ByteArrayInputStream(raw));
        Deque<Multipart> open = new ArrayDeque<>();
        int depth = 0;
        int parts = 0;
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            switch (state) {
                case T_START_MULTIPART -> open.push(new Multipart(
                        depth <= MAX_REPORT_DEPTH ? Kind.of(stream.getBodyDescriptor()) : null,
                        prematureEnds.count));
                case T_START_BODYPART, T_END_BODYPART -> {
                    if (state == EntityState.T_START_BODYPART) {
                        if (++parts > MAX_PARTS) {
                            return Optional.empty();
                        }
                        if (!open.isEmpty()) {
                            open.peek().children++;
                        }
                    }
                    depth += state == EntityState.T_START_BODYPART ? 1 : -1;
                    // a flat part is not opened, so no multipart below a report's parts is ever read
                    stream.setRecursionMode(depth > MAX_REPORT_DEPTH ? RecursionMode.M_FLAT
                            : RecursionMode.M_NO_RECURSE);
                }
                case T_BODY -> {
                    Multipart parent = open.peek();
                    if (parent != null && parent.kind != null) {
                        parent.part(stream.getBodyDescriptor(), stream.getDecodedInputStream());
                    }
                }
                case T_END_MULTIPART -> {
                    Multipart done = open.pop();
                    if (done.kind != null && prematureEnds.count == done.prematureEndsBefore) {
                        Optional<DeliveryReport> report = done.report();
                        if (report.isPresent()) {
                            return report;
                        }
                    }
                }
                default -> {
                    // headers are read through the body descriptors; preambles and epilogues say nothing
                }
            }
        }
        return Optional.empty();
    }

    private enum Kind {
        STATUS, FEEDBACK;

        /** The kind of report a multipart is, or null. */
        static Kind of(BodyDescriptor descriptor) {
            if (!"multipart/report".equalsIgnoreCase(descriptor.getMimeType())
                    || !(descriptor instanceof MaximalBodyDescriptor maximal)) {
                return null;
            }
            String reportType = maximal.getContentTypeParameters().get("report-type");
            if (reportType == null) {
                return null;
            }
            return switch (reportType.strip().toLowerCase(Locale.ROOT)) {
                case "delivery-status", "global-delivery-status" -> STATUS;
                case "feedback-report" -> FEEDBACK;
                default -> null;
            };
        }
    }

    /** A multipart being read; for a report, the parts that matter, each cut to {@link #MAX_PART_BYTES}. */
    private static final class Multipart {
        final Kind kind;
        final int prematureEndsBefore;
        int children;
        Bytes fields;
        boolean global;
        Bytes returnedHeader;

        Multipart(Kind kind, int prematureEndsBefore) {
            this.kind = kind;
            this.prematureEndsBefore = prematureEndsBefore;
        }

        void part(BodyDescriptor descriptor, InputStream content) throws IOException {
            String type = descriptor.getMimeType().toLowerCase(Locale.ROOT);
            if (children == 2) {
                boolean expected = kind == Kind.STATUS
                        ? STATUS_PART_TYPES.contains(type)
                        : type.equals("message/feedback-report");
                if (expected) {
                    fields = Bytes.read(content);
                    global = type.equals("message/global-delivery-status");
                }
            } else if (children == 3 && kind == Kind.FEEDBACK && RETURNED_HEADER_TYPES.contains(type)) {
                returnedHeader = Bytes.read(content);
            }
        }

        Optional<DeliveryReport> report() {
            if (fields == null) {
                return Optional.empty();
            }
            return kind == Kind.STATUS ? statusReport() : complaintReport();
        }

        private Optional<DeliveryReport> statusReport() {
            List<RecipientStatus> recipients = new ArrayList<>();
            int recipientGroups = 0;
            for (ReportFields.Group group : ReportFields.groups(fields.text(), fields.cut, MAX_RECIPIENTS + 1)) {
                if (!group.has("final-recipient") && !group.has("original-recipient")) {
                    continue;
                }
                if (++recipientGroups > MAX_RECIPIENTS) {
                    break;
                }
                String recipient = ReportFields.typedAddress(group.first("final-recipient"), global);
                if (recipient == null) {
                    recipient = ReportFields.typedAddress(group.first("original-recipient"), global);
                }
                String action = ReportFields.firstToken(group.first("action"));
                String status = ReportFields.statusCode(group.first("status"));
                if (recipient != null && action != null && ACTIONS.contains(action) && status != null) {
                    recipients.add(new RecipientStatus(recipient, action, status,
                            ReportFields.diagnostic(group.first("diagnostic-code"))));
                }
            }
            return recipients.isEmpty() ? Optional.empty() : Optional.of(new StatusReport(recipients));
        }

        private Optional<DeliveryReport> complaintReport() {
            List<ReportFields.Group> groups = ReportFields.groups(fields.text(), fields.cut, 1);
            if (groups.isEmpty()) {
                return Optional.empty();
            }
            ReportFields.Group report = groups.get(0);
            String feedbackType = ReportFields.firstToken(report.first("feedback-type"));
            if (feedbackType == null) {
                return Optional.empty();
            }
            Set<String> recipients = new LinkedHashSet<>();
            for (String value : report.all("original-rcpt-to")) {
                String address = ReportFields.address(value, false);
                if (address != null && recipients.size() < MAX_RECIPIENTS) {
                    recipients.add(address);
                }
            }
            if (recipients.isEmpty() && returnedHeader != null) {
                recipients.addAll(returnedTo(returnedHeader));
            }
            String mailFrom = ReportFields.address(report.first("original-mail-from"), false);
            return Optional.of(new ComplaintReport(feedbackType, List.copyOf(recipients), mailFrom));
        }
    }

    /** The addresses of the To field of a returned message's header (the first group of its fields). */
    private static Set<String> returnedTo(Bytes header) {
        Set<String> addresses = new LinkedHashSet<>();
        List<ReportFields.Group> groups = ReportFields.groups(header.text(), header.cut, 1);
        String to = groups.isEmpty() ? null : groups.get(0).first("to");
        if (to == null) {
            return addresses;
        }
        AddressList list = LenientAddressParser.DEFAULT.parseAddressList(to);
        for (Mailbox mailbox : list.flatten()) {
            String address = mailbox.getAddress() == null ? null : mailbox.getAddress().strip();
            if (ReportFields.plausibleAddress(address) && addresses.size() < MAX_RECIPIENTS) {
                addresses.add(address.toLowerCase(Locale.ROOT));
            }
        }
        return addresses;
    }

    /** The first {@link #MAX_PART_BYTES} bytes of a part, and whether there were more. */
    private record Bytes(byte[] bytes, boolean cut) {

        static Bytes read(InputStream content) throws IOException {
            byte[] bytes = content.readNBytes(MAX_PART_BYTES + 1);
            return bytes.length > MAX_PART_BYTES
                    ? new Bytes(Arrays.copyOf(bytes, MAX_PART_BYTES), true)
                    : new Bytes(bytes, false);
        }

        /** As UTF-8 (ASCII, the charset of the plain reports, is part of it); bytes that are not become U+FFFD. */
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * Counts the multiparts that ended without their closing boundary, which mime4j reports only to a listening
     * monitor; every other warning is ignored, as {@link DecodeMonitor#SILENT} would.
     */
    private static final class PrematureEnds extends DecodeMonitor {
        private static final String PREMATURE_END = Event.MIME_BODY_PREMATURE_END.toString();
        int count;

        @Override
        public boolean warn(String error, String dropDesc) {
            if (error != null && error.endsWith(PREMATURE_END)) {
                count++;
            }
            return false;
        }

        @Override
        public boolean isListening() {
            return true;
        }
    }
}
