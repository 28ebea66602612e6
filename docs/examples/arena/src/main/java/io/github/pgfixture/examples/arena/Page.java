package io.github.pgfixture.examples.arena;

import java.util.List;

/**
 * One page of a filtered list.
 *
 * @param total how many items match the filter on all pages
 */
public record Page<T>(List<T> items, int offset, int limit, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return offset + items.size() < total;
    }
}
