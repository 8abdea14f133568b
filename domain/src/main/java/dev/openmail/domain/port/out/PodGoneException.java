package dev.openmail.domain.port.out;

/** Storage refused a row because the pod it names no longer exists. */
public final class PodGoneException extends RuntimeException {

    public PodGoneException() {
        super("the pod no longer exists", null, false, false);
    }
}
