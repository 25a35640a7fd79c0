package dev.runbooks.language.steps;

import java.util.List;
import java.util.Objects;

/**
 * Where the runbook's source put a {@code ${{ secrets.NAME }}} reference in a rendered config: the
 * string at {@code path} (map keys as strings, list indexes as integers, from the config's root)
 * holds the reference text, as written, at {@code [start, end)} (UTF-16 offsets). Part of {@link
 * ActionRequest}'s wire format; the activity resolves a reference only where one of these points.
 *
 * @param path keys and indexes from the config's root to the string
 * @param start offset of the reference's first character
 * @param end offset just past the reference's last character
 * @param name the secret's name
 */
public record SecretRef(List<Object> path, int start, int end, String name) {
  public SecretRef {
    path = List.copyOf(Objects.requireNonNull(path, "path"));
    Objects.requireNonNull(name, "name");
  }
}
