package dev.openmail.adapters.rest.pod;

import dev.openmail.adapters.rest.support.ControllerTestSettings;
import dev.openmail.adapters.rest.support.HttpApi;
import dev.openmail.adapters.rest.support.HttpApi.Reply;
import dev.openmail.adapters.rest.support.TestAccounts;
import dev.openmail.adapters.rest.support.TestAccounts.TestAccount;
import dev.openmail.adapters.rest.support.UseCaseTestFactory;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.PodId;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreatePod;
import dev.openmail.domain.port.in.GetPod;
import dev.openmail.domain.port.in.OpenAccount;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.openmail.adapters.rest.support.ApiAssertions.assertError;
import static dev.openmail.application.fakes.Callers.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /v1/pods over HTTP, with the real use cases on the in-memory store. */
@MicronautTest
@Property(name = "openmail.admin-token", value = ControllerTestSettings.ADMIN_TOKEN)
@Property(name = "micronaut.server.max-request-size", value = ControllerTestSettings.MAX_REQUEST_SIZE)
class PodControllerTest {

    private static final Set<String> POD_FIELDS = Set.of("id", "clientId", "name", "isDefault", "createdAt");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper mapper;
    @Inject
    OpenAccount openAccount;
    @Inject
    CreatePod createPod;
    @Inject
    GetPod getPod;

    private HttpApi api;
    private TestAccount account;

    @BeforeEach
    void openAccount() {
        api = new HttpApi(server.getURL(), mapper);
        account = TestAccounts.open(openAccount);
    }

    private String token() {
        return account.token();
    }

    /** Pods made through the use case, fast, for the list tests; returned in creation order. */
    private List<String> createPods(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(createPod.create(new CreatePod.Command(owner(account.id()), null, new Label("bulk " + i))).id().value());
        }
        return ids;
    }

    private List<Object> ids(Reply list) {
        return list.data().stream().map(pod -> pod.get("id")).toList();
    }

    // ---- create

    @Test
    void createAnswers201WithEveryFieldOfThePod() {
        Reply created = api.post("/v1/pods", token(), "{\"clientId\":\"tenant-1\",\"name\":\"Tenant one\"}");

        assertEquals(201, created.status(), created::toString);
        assertTrue(created.contentType().startsWith("application/json"), created.contentType());
        Map<String, Object> pod = created.object();
        assertEquals(POD_FIELDS, pod.keySet());
        assertTrue(PodId.isWellFormed((String) pod.get("id")), pod.toString());
        assertEquals("tenant-1", pod.get("clientId"));
        assertEquals("Tenant one", pod.get("name"));
        assertEquals(Boolean.FALSE, pod.get("isDefault"));
        assertEquals(UseCaseTestFactory.NOW, Instant.parse((String) pod.get("createdAt")));
        assertEquals("2025-03-04T05:06:07.891Z", pod.get("createdAt"), "ISO-8601 in UTC, with milliseconds");

        PodId id = new PodId((String) pod.get("id"));
        assertEquals(new ClientId("tenant-1"), getPod.get(owner(account.id()), new PodRef.ById(id)).clientId(), "it was stored");
    }

    @Test
    void createWithoutFieldsSendsTheAbsentOnesAsNull() {
        for (String body : new String[]{"{}", "", "{\"clientId\":null,\"name\":null}"}) {
            Reply created = api.post("/v1/pods", token(), body);

            assertEquals(201, created.status(), body + " -> " + created);
            Map<String, Object> pod = created.object();
            assertEquals(POD_FIELDS, pod.keySet(), "null fields are present, not left out");
            assertNull(pod.get("clientId"));
            assertNull(pod.get("name"));
            assertEquals(Boolean.FALSE, pod.get("isDefault"));
        }
        assertEquals(4, api.get("/v1/pods", token()).total());
    }

    @Test
    void createRefusesBadFieldsNamingThemAndStoresNothing() {
        Map<String, String> bodies = Map.of(
                "{\"clientId\":\"pod_mine\"}", "pod_",
                "{\"clientId\":\"has space\"}", "clientId",
                "{\"clientId\":\"\"}", "clientId",
                "{\"clientId\":7}", "clientId",
                "{\"name\":\"" + "n".repeat(256) + "\"}", "name",
                "{\"name\":[\"x\"]}", "name",
                "{\"isDefault\":true}", "isDefault");
        bodies.forEach((body, named) -> assertError(api.post("/v1/pods", token(), body), 400, "bad_request", named));
        assertEquals(1, api.get("/v1/pods", token()).total(), "only the default pod");
    }

    @Test
    void aClientIdTakenInTheAccountIsAConflict() {
        assertEquals(201, api.post("/v1/pods", token(), "{\"clientId\":\"same\"}").status());

        assertError(api.post("/v1/pods", token(), "{\"clientId\":\"same\",\"name\":\"second\"}"), 409, "client_id_taken", "same");
        assertEquals(2, api.get("/v1/pods", token()).total());
    }

    // ---- get

    @Test
    void getFindsAPodByIdAndByClientIdAlike() {
        Map<String, Object> created = api.post("/v1/pods", token(), "{\"clientId\":\"by-both\",\"name\":\"Both\"}").object();

        Reply byId = api.get("/v1/pods/" + created.get("id"), token());
        Reply byClientId = api.get("/v1/pods/by-both", token());

        assertEquals(200, byId.status(), byId::toString);
        assertEquals(200, byClientId.status(), byClientId::toString);
        assertEquals(created, byId.object());
        assertEquals(created, byClientId.object());
    }

    @Test
    void getShowsTheDefaultPod() {
        Reply reply = api.get("/v1/pods/" + account.defaultPodId().value(), token());

        assertEquals(200, reply.status());
        assertEquals(POD_FIELDS, reply.object().keySet());
        assertEquals(Boolean.TRUE, reply.get("isDefault"));
        assertNull(reply.get("clientId"));
        assertEquals("Default", reply.get("name"));
    }

    @Test
    void getAnswers404ForPodsThatAreNotThere() {
        String wellFormedButUnknown = PodId.generate().value();
        for (String ref : new String[]{wellFormedButUnknown, "pod_not-an-id", "no-such-client-id", "a%20b",
                "x".repeat(256)}) {
            assertError(api.get("/v1/pods/" + ref, token()), 404, "not_found");
        }
    }

    @Test
    void anotherAccountsPodIsNotFound() {
        TestAccount other = TestAccounts.open(openAccount);
        String theirs = api.post("/v1/pods", other.token(), "{\"clientId\":\"theirs\"}").string("id");

        assertError(api.get("/v1/pods/" + theirs, token()), 404, "not_found");
        assertError(api.get("/v1/pods/theirs", token()), 404, "not_found");
        assertError(api.patch("/v1/pods/" + theirs, token(), "{\"name\":\"mine now\"}"), 404, "not_found");
        assertError(api.delete("/v1/pods/theirs", token()), 404, "not_found");
        assertNull(api.get("/v1/pods/" + theirs, other.token()).get("name"), "untouched");
    }

    // ---- patch

    @Test
    void patchChangesOnlyTheFieldsPresent() {
        String id = api.post("/v1/pods", token(), "{\"clientId\":\"keep-me\",\"name\":\"Old\"}").string("id");

        Reply renamed = api.patch("/v1/pods/" + id, token(), "{\"name\":\"New\"}");

        assertEquals(200, renamed.status(), renamed::toString);
        assertEquals(POD_FIELDS, renamed.object().keySet());
        assertEquals("New", renamed.get("name"));
        assertEquals("keep-me", renamed.get("clientId"), "absent: unchanged");
        assertEquals(id, renamed.get("id"));
        assertEquals("2025-03-04T05:06:07.891Z", renamed.get("createdAt"));

        Reply untouched = api.patch("/v1/pods/keep-me", token(), "{}");
        assertEquals(200, untouched.status());
        assertEquals(renamed.object(), untouched.object());
    }

    @Test
    void patchWithNullClearsAField() {
        String id = api.post("/v1/pods", token(), "{\"clientId\":\"to-clear\",\"name\":\"Named\"}").string("id");

        Reply cleared = api.patch("/v1/pods/to-clear", token(), "{\"clientId\":null,\"name\":null}");

        assertEquals(200, cleared.status(), cleared::toString);
        assertEquals(POD_FIELDS, cleared.object().keySet());
        assertNull(cleared.get("clientId"));
        assertNull(cleared.get("name"));
        assertError(api.get("/v1/pods/to-clear", token()), 404, "not_found");
        assertNull(api.get("/v1/pods/" + id, token()).get("clientId"), "stored");
    }

    @Test
    void patchCanMoveAPodToANewClientId() {
        String id = api.post("/v1/pods", token(), "{\"clientId\":\"before\"}").string("id");

        Reply moved = api.patch("/v1/pods/before", token(), "{\"clientId\":\"after\"}");

        assertEquals(200, moved.status(), moved::toString);
        assertEquals("after", moved.get("clientId"));
        assertEquals(id, api.get("/v1/pods/after", token()).get("id"));
        assertError(api.get("/v1/pods/before", token()), 404, "not_found");
    }

    @Test
    void patchRefusesAClientIdOfAnotherPodAndLeavesBothAsTheyWere() {
        api.post("/v1/pods", token(), "{\"clientId\":\"first\"}");
        api.post("/v1/pods", token(), "{\"clientId\":\"second\",\"name\":\"Second\"}");

        assertError(api.patch("/v1/pods/second", token(), "{\"clientId\":\"first\",\"name\":\"Changed\"}"),
                409, "client_id_taken", "first");
        assertEquals("Second", api.get("/v1/pods/second", token()).get("name"));
    }

    @Test
    void patchRefusesBadFieldsNamingThem() {
        String path = "/v1/pods/" + account.defaultPodId().value();
        assertError(api.patch(path, token(), "{\"clientId\":\"pod_x\"}"), 400, "bad_request", "pod_");
        assertError(api.patch(path, token(), "{\"name\":false}"), 400, "bad_request", "name");
        assertError(api.patch(path, token(), "{\"isDefault\":false}"), 400, "bad_request", "isDefault");
        assertError(api.patch(path, token(), "{\"name\":"), 400, "bad_request", "JSON");
        assertEquals("Default", api.get(path, token()).get("name"));
    }

    @Test
    void patchOfAnUnknownPodIsNotFoundBeforeTheBodyIsRead() {
        assertError(api.patch("/v1/pods/" + PodId.generate().value(), token(), "{\"name\":\"x\"}"), 404, "not_found");
        assertError(api.patch("/v1/pods/pod_garbage", token(), "{not json"), 404, "not_found");
    }

    // ---- delete

    @Test
    void deleteAnswers204WithoutABodyByIdOrByClientId() {
        String byId = api.post("/v1/pods", token(), "{}").string("id");
        api.post("/v1/pods", token(), "{\"clientId\":\"gone\"}");

        Reply deletedById = api.delete("/v1/pods/" + byId, token());
        Reply deletedByClientId = api.delete("/v1/pods/gone", token());

        assertEquals(204, deletedById.status(), deletedById::toString);
        assertEquals("", deletedById.body());
        assertEquals(204, deletedByClientId.status(), deletedByClientId::toString);
        assertError(api.get("/v1/pods/" + byId, token()), 404, "not_found");
        assertError(api.get("/v1/pods/gone", token()), 404, "not_found");
        assertError(api.delete("/v1/pods/gone", token()), 404, "not_found");
        assertEquals(1, api.get("/v1/pods", token()).total());
    }

    // ---- list

    @Test
    void listAnswersDataAndTotalWithTheDefaultPodFirstThenOldestFirst() {
        List<String> created = createPods(3);

        Reply list = api.get("/v1/pods", token());

        assertEquals(200, list.status(), list::toString);
        assertEquals(Set.of("data", "total"), list.object().keySet());
        assertEquals(4, list.total());
        List<Object> expected = new ArrayList<>();
        expected.add(account.defaultPodId().value());
        expected.addAll(created);
        assertEquals(expected, ids(list));
        list.data().forEach(pod -> assertEquals(POD_FIELDS, pod.keySet(), pod.toString()));
    }

    @Test
    void listShowsOnlyTheCallersPods() {
        TestAccount other = TestAccounts.open(openAccount);
        api.post("/v1/pods", other.token(), "{\"clientId\":\"elsewhere\"}");

        Reply list = api.get("/v1/pods", token());

        assertEquals(List.of(account.defaultPodId().value()), ids(list));
        assertEquals(1, list.total());
    }

    @Test
    void listPagesFiftyByDefault() {
        createPods(59);

        Reply list = api.get("/v1/pods", token());

        assertEquals(50, list.data().size());
        assertEquals(60, list.total());
    }

    @Test
    void listClampsTheLimitInto1To100() {
        List<String> created = createPods(119);

        assertEquals(List.of(account.defaultPodId().value()), ids(api.get("/v1/pods?limit=0", token())));
        assertEquals(1, api.get("/v1/pods?limit=-7", token()).data().size());
        assertEquals(100, api.get("/v1/pods?limit=1000", token()).data().size());
        assertEquals(100, api.get("/v1/pods?limit=100", token()).data().size());
        assertEquals(100, api.get("/v1/pods?limit=99999999999999999999", token()).data().size(),
                "beyond every integer type still clamps");
        assertEquals(1, api.get("/v1/pods?limit=-99999999999999999999", token()).data().size());
        Reply page = api.get("/v1/pods?limit=1000&offset=100", token());
        assertEquals(200, page.status());
        assertEquals(created.subList(99, 119), ids(page));
        assertEquals(120, page.total());
    }

    @Test
    void listWindowsWithLimitAndOffset() {
        List<String> created = createPods(5);

        Reply window = api.get("/v1/pods?limit=2&offset=2", token());

        assertEquals(created.subList(1, 3), ids(window));
        assertEquals(6, window.total());
        assertEquals(created.subList(4, 5), ids(api.get("/v1/pods?offset=5", token())));
        Reply past = api.get("/v1/pods?offset=99999999999999999999", token());
        assertEquals(200, past.status(), past::toString);
        assertEquals(List.of(), past.data());
        assertEquals(6, past.total());
        assertEquals(created.subList(0, 2), ids(api.get("/v1/pods?limit=+2&offset=1", token())), "a sign is allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-99999999999999999999", "abc", "1.5", "1e3", "", "0x10", "%D9%A3"})
    void aNegativeOrNonIntegerOffsetIsABadRequestNamingIt(String offset) {
        assertError(api.get("/v1/pods?offset=" + offset, token()), 400, "bad_request", "offset");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "", "ten", "5%20pods"})
    void aNonIntegerLimitIsABadRequestNamingIt(String limit) {
        assertError(api.get("/v1/pods?limit=" + limit, token()), 400, "bad_request", "limit");
    }
}
