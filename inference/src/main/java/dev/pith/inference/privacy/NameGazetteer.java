package dev.pith.inference.privacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * First names and surnames of many locales, from @faker-js/faker's MIT-licensed lists (see NAMES-NOTICE.txt beside
 * the lists, and {@code inference/tools/names_gazetteer.py} which makes them). Words are lower case
 * ({@code Locale.ROOT}). Loaded once, on first use, by the holder idiom; immutable and thread-safe afterwards.
 */
final class NameGazetteer {
  static final String NOTICE = "NAMES-NOTICE.txt";

  private final Set<String> firstNames;
  private final Set<String> surnames;
  /** Names that are also ordinary English words ("will", "rose", "brown"): a capital letter alone proves little. */
  private final Set<String> words;

  private NameGazetteer(Set<String> firstNames, Set<String> surnames, Set<String> words) {
    this.firstNames = firstNames;
    this.surnames = surnames;
    this.words = words;
  }

  /** The shared instance, read from the class path the first time it is asked for. */
  static NameGazetteer get() {
    return Holder.INSTANCE;
  }

  boolean isFirstName(String lower) {
    return firstNames.contains(lower);
  }

  boolean isSurname(String lower) {
    return surnames.contains(lower);
  }

  boolean isWord(String lower) {
    return words.contains(lower);
  }

  int size() {
    return firstNames.size() + surnames.size();
  }

  private static final class Holder {
    static final NameGazetteer INSTANCE = new NameGazetteer(read("first-names.txt"), read("surnames.txt"),
        read("name-words.txt"));
  }

  static Set<String> read(String resource) {
    try (InputStream in = NameGazetteer.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " beside " + NameGazetteer.class);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      Set<String> out = new HashSet<>(32_768);
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isEmpty()) {
          out.add(line);
        }
      }
      return Collections.unmodifiableSet(out);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }
}
