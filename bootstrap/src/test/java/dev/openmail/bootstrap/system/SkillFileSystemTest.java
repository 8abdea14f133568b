package dev.openmail.bootstrap.system;

import dev.openmail.adapters.persistence.testing.TestDatabase;
import dev.openmail.bootstrap.support.RunningServer;
import dev.openmail.bootstrap.support.RunningServer.Reply;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /skill.md: a skill file for this installation, with its own base URL, domain, routes and errors. */
class SkillFileSystemTest {

    @Test
    void theSkillFilePointsAtThisServerAndListsItsRoutesAndErrors() {
        try (RunningServer server = RunningServer.start(TestDatabase.h2(), Map.of(
                "openmail.public-base-url", "https://mail.example.net/", "openmail.default-domain", "agents.example.net"))) {
            Reply skill = server.send(HttpRequest.newBuilder(server.uri("/skill.md")).GET()); // no key needed

            assertEquals(200, skill.status(), skill.body());
            assertEquals(List.of("text/markdown; charset=utf-8"), skill.headers().get("content-type"));
            String md = skill.body();
            assertTrue(md.startsWith("---\nname: email\n"), md);
            assertTrue(md.contains("a real email address on agents.example.net"), md);
            assertTrue(md.contains("curl -s https://mail.example.net/v1/inboxes -H \"Authorization: Bearer"), md);
            assertTrue(md.contains("`https://mail.example.net/mcp`"), md);
            assertTrue(md.contains("| inbox | `get_inbox` (Get this inbox), `list_threads` (List threads)"), md);
            assertTrue(md.contains("| account | `list_inboxes` (List inboxes), `create_inbox` (Create an inbox)"), md);
            assertFalse(md.contains("openmail.sh"), "nothing points at the hosted service");
            assertTrue(md.contains("| POST | `/v1/inboxes/{id}/send` | "), md);
            assertTrue(md.contains("| GET | `/v1/attachments/{messageId}/{filename}/text` | "), md);
            assertFalse(md.contains("/admin/"), "the operator API is not the agent's");
            assertFalse(md.contains("/console"), md);
            assertTrue(md.contains("| 422 | `idempotency_key_reused` |"), md);
            assertTrue(md.contains("| 429 | `rate_limit_exceeded` |"), md);
        }
    }

    @Test
    void withoutAPublicBaseUrlItNamesTheServersOwnAddress() {
        try (RunningServer server = RunningServer.start(TestDatabase.h2(), Map.of())) {
            String md = server.send(HttpRequest.newBuilder(server.uri("/skill.md")).GET()).body();

            assertTrue(md.contains("curl -s " + server.uri("/v1/inboxes") + " -H"), md);
        }
    }
}
