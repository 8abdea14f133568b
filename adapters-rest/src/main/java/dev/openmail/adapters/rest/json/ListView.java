package dev.openmail.adapters.rest.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.domain.common.Page;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.function.Function;

/** A page of a list as the API returns it. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ListView<T>(List<T> data, long total) {

    public static <D, T> ListView<T> of(Page<D> page, Function<D, T> view) {
        return new ListView<>(page.items().stream().map(view).toList(), page.total());
    }
}
