package dev.openmail.adapters.rest.mail;

import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ParsedAttachment;
import io.micronaut.http.MediaType;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.server.multipart.MultipartBody;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The fields and files of a multipart/form-data send, read whole (the controller runs on a blocking thread). The body
 * is open, as in the OpenMail description: parts nobody reads are discarded unread.
 */
final class FormParts {

    private static final String FILES = "attachments";
    /** The text fields of a send: those of its JSON body but the attachments, which come as files. */
    private static final Set<String> FIELDS = JsonBodies.fieldsOf(SendRequest.class).stream()
            .filter(field -> !field.equals(FILES)).collect(Collectors.toUnmodifiableSet());

    private final Map<String, List<String>> fields;
    private final List<ParsedAttachment> files;
    private final boolean tooManyFiles;

    private FormParts(Map<String, List<String>> fields, List<ParsedAttachment> files, boolean tooManyFiles) {
        this.fields = fields;
        this.files = files;
        this.tooManyFiles = tooManyFiles;
    }

    static FormParts collect(MultipartBody body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<ParsedAttachment> files = new ArrayList<>();
        boolean[] tooManyFiles = {false};
        CompletableFuture<Void> done = new CompletableFuture<>();
        body.subscribe(new Subscriber<CompletedPart>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(CompletedPart part) {
                try {
                    if (part instanceof CompletedFileUpload file && FILES.equals(part.getName())) {
                        if (files.size() < OutgoingMail.MAX_ATTACHMENTS) {
                            String type = file.getContentType().map(MediaType::toString).orElse("application/octet-stream");
                            String name = file.getFilename() == null || file.getFilename().isBlank()
                                    ? "attachment-" + (files.size() + 1) : file.getFilename();
                            files.add(new ParsedAttachment(name, type, file.getBytes()));
                        } else {
                            tooManyFiles[0] = true;
                            file.discard();
                        }
                    } else if (FIELDS.contains(part.getName())) {
                        fields.computeIfAbsent(part.getName(), ignored -> new ArrayList<>())
                                .add(new String(part.getBytes(), StandardCharsets.UTF_8));
                    } else if (part instanceof CompletedFileUpload file) {
                        file.discard();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the form", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        return new FormParts(fields, files, tooManyFiles[0]);
    }

    /** A field given at most once; null when absent. */
    String single(String name) {
        List<String> values = fields.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new InvalidInputException(name, "Form field '" + name + "' may be given once.");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    List<String> all(String name) {
        return List.copyOf(fields.getOrDefault(name, List.of()));
    }

    List<ParsedAttachment> files() {
        if (tooManyFiles) {
            throw OutgoingMail.tooManyAttachments();
        }
        return List.copyOf(files);
    }
}
