package dev.openmail.domain.common;

import java.util.Objects;
import java.util.function.Function;

/**
 * One field of a partial update: either left as it is, or set to a value, where a {@code null} value clears the field.
 */
public final class Change<T> {

    private static final Change<?> KEEP = new Change<>(false, null);

    private final boolean present;
    private final T value;

    private Change(boolean present, T value) {
        this.present = present;
        this.value = value;
    }

    @SuppressWarnings("unchecked")
    public static <T> Change<T> keep() {
        return (Change<T>) KEEP;
    }

    public static <T> Change<T> to(T valueOrNull) {
        return new Change<>(true, valueOrNull);
    }

    public boolean isPresent() {
        return present;
    }

    /** The new value when present, else {@code current}. */
    public T applyTo(T current) {
        return present ? value : current;
    }

    public <R> Change<R> map(Function<T, R> mapper) {
        if (!present) {
            return keep();
        }
        return to(value == null ? null : mapper.apply(value));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Change<?> other && present == other.present && Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(present, value);
    }

    @Override
    public String toString() {
        return present ? "Change.to(" + value + ")" : "Change.keep()";
    }
}
