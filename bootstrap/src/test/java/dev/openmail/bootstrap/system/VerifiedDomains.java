package dev.openmail.bootstrap.system;

import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Account;
import dev.openmail.bootstrap.support.RunningServer.Reply;

import java.util.List;
import java.util.Map;

/** Adds a domain, publishes the records it asks for in the test DNS server, and verifies it. */
final class VerifiedDomains {

    private VerifiedDomains() {
    }

    /** A fresh verified domain of {@code account}, scoped to {@code podOrNull} (account-wide when null). */
    static String verified(RunningServer server, Account account, String podOrNull) {
        String name = "d" + Long.toString(System.nanoTime(), 36) + ".example.test";
        String body = podOrNull == null ? "{\"domain\":\"" + name + "\"}"
                : "{\"domain\":\"" + name + "\",\"podId\":\"" + podOrNull + "\"}";
        Reply added = server.post("/v1/domains", account.token(), body);
        if (added.status() != 201) {
            throw new IllegalStateException("could not add " + name + ": " + added);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> records = (List<Map<String, Object>>) added.object().get("records");
        for (Map<String, Object> record : records) {
            String host = (String) record.get("name");
            String value = (String) record.get("value");
            if ("MX".equals(record.get("type"))) {
                RunningServer.dns().addMx(host, ((Number) record.get("priority")).intValue(), value);
            } else {
                RunningServer.dns().addTxtValue(host, value);
            }
        }
        Reply verified = server.post("/v1/domains/" + added.string("id") + "/verify", account.token(), "");
        if (!"verified".equals(verified.string("status"))) {
            throw new IllegalStateException("could not verify " + name + ": " + verified);
        }
        return name;
    }

    static String idOf(RunningServer server, Account account, String domain) {
        return server.get("/v1/domains?limit=100", account.token()).data().stream()
                .filter(d -> domain.equals(d.get("domain"))).map(d -> (String) d.get("id")).findFirst().orElseThrow();
    }
}
