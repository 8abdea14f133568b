package dev.openmail.adapters.persistence.jdbc;

import dev.openmail.adapters.persistence.Rows;
import dev.openmail.domain.delivery.DeliveryState;
import dev.openmail.domain.delivery.RecipientDelivery;

import java.util.ArrayList;
import java.util.List;

/**
 * An event's per-recipient delivery in one text column (V19 {@code events.delivery}): a line per recipient of
 * position, state, address, bounce token, reply, host, attempts and time (epoch millis), separated by tabs. Tabs and
 * line breaks inside a value are written as spaces, so the split is exact.
 */
final class DeliveryColumn {

    private static final int FIELDS = 8;

    private DeliveryColumn() {
    }

    static String joined(List<RecipientDelivery> recipients) {
        if (recipients.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (RecipientDelivery recipient : recipients) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(recipient.position()).append('\t').append(recipient.state().wireName()).append('\t')
                    .append(flat(recipient.address())).append('\t').append(flat(recipient.bounceToken())).append('\t')
                    .append(flat(recipient.reply())).append('\t').append(flat(recipient.host())).append('\t')
                    .append(recipient.attempts()).append('\t').append(Rows.epochMillis(recipient.updatedAt()));
        }
        return text.toString();
    }

    static List<RecipientDelivery> split(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        List<RecipientDelivery> recipients = new ArrayList<>();
        for (String line : column.split("\n", -1)) {
            String[] field = line.split("\t", -1);
            if (field.length != FIELDS) {
                throw new IllegalStateException("events.delivery holds a line of " + field.length + " fields");
            }
            recipients.add(new RecipientDelivery(Integer.parseInt(field[0]), field[2], field[3],
                    DeliveryState.fromWireName(field[1]), field[4], field[5], Integer.parseInt(field[6]),
                    Rows.instant(Long.parseLong(field[7]))));
        }
        return recipients;
    }

    private static String flat(String value) {
        return value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
