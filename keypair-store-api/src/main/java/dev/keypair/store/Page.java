package dev.keypair.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items         the items, in the listing's order
 * @param nextPageToken the token that fetches the next page, empty on the last page
 * @param <T>           the item type
 */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {

  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextPageToken, "nextPageToken");
  }
}
