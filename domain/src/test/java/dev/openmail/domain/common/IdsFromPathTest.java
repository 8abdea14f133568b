package dev.openmail.domain.common;

import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.pod.PodId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every id type reads a URL path's text one way: its own ids pass, anything else is not found. */
class IdsFromPathTest {

    static Stream<Arguments> idTypes() {
        return Stream.of(
                idType("inbox", InboxId::fromPath, () -> InboxId.generate().value()),
                idType("thread", ThreadId::fromPath, () -> ThreadId.generate().value()),
                idType("message", MessageId::fromPath, () -> MessageId.generate().value()),
                idType("domain", DomainId::fromPath, () -> DomainId.generate().value()),
                idType("account", AccountId::fromPath, () -> AccountId.generate().value()),
                idType("key", ApiKeyId::fromPath, () -> ApiKeyId.generate().value()));
    }

    private static Arguments idType(String name, Function<String, Object> fromPath, Supplier<String> generated) {
        return Arguments.of(name, fromPath, generated);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idTypes")
    void readsItsOwnIds(String name, Function<String, Object> fromPath, Supplier<String> generated) {
        String id = generated.get();
        assertEquals(id, fromPath.apply(id).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idTypes")
    void anythingElseIsNotFound(String name, Function<String, Object> fromPath, Supplier<String> generated) {
        String own = generated.get();
        String prefix = own.substring(0, own.indexOf('_') + 1);
        for (String text : new String[]{"nonsense", "", prefix, prefix + "nope", own + "x", own.toUpperCase(),
                PodId.generate().value(), "../" + own}) {
            NotFoundException notFound = assertThrows(NotFoundException.class, () -> fromPath.apply(text), text);
            assertTrue(notFound.getMessage().contains(name), notFound::getMessage);
        }
    }
}
