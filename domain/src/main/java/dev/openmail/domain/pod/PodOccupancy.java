package dev.openmail.domain.pod;

/** What a pod still holds, as far as deleting it is concerned. */
public record PodOccupancy(boolean hasInboxes, boolean hasScopedDomains) {

    public static final PodOccupancy EMPTY = new PodOccupancy(false, false);
}
