package dev.openmail.domain.common;

import java.util.List;
import java.util.function.Function;

/** One window of a list and the size of the whole list. */
public record Page<T>(List<T> items, long total) {

    public Page {
        items = List.copyOf(items);
    }

    /** The page of a list that holds at most one item. */
    public static <T> Page<T> ofAtMostOne(T itemOrNull, PageRequest page) {
        if (itemOrNull == null) {
            return new Page<>(List.of(), 0);
        }
        return new Page<>(page.offset() == 0 ? List.of(itemOrNull) : List.of(), 1);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total);
    }
}
