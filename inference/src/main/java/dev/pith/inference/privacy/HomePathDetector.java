package dev.pith.inference.privacy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Home-directory paths that name their user: {@code /home/alice}, {@code /Users/alice}, {@code C:\Users\alice} (also
 * with forward slashes or doubled backslashes as in code strings). The home directory itself, up to and including the
 * user name, is replaced; the rest of the path stays, so the preview still shows {@code [PATH_1]/projects/app/pom.xml}
 * and the cloud model can help with it. Shared or generic homes (Public, Shared, Default, All Users, root, user,
 * {@code $USER}, {@code <name>}) name nobody and are kept.
 */
final class HomePathDetector implements Detector {
  private static final String NAME = "[\\p{L}\\p{N}_$][\\p{L}\\p{N}._$-]{0,39}";
  private static final Pattern HOME = Pattern.compile(
      "(?<![\\w.~-])/(?:home|Users)/(" + NAME + ")(?![\\p{L}\\p{N}])"
          + "|(?<!\\w)[A-Za-z]:(?:\\\\{1,2}|/)(?i:Users|Documents and Settings)(?:\\\\{1,2}|/)"
          + "(" + NAME + "(?: " + NAME + ")*(?=\\\\|/)|" + NAME + ")");
  private static final Set<String> GENERIC = Set.of("public", "shared", "default", "default user", "all users",
      "root", "user", "username", "your_user", "yourname", "you", "me", "someone", "name", "runner");

  @Override
  public void detect(String text, List<Entity> out) {
    Matcher m = HOME.matcher(text);
    while (m.find()) {
      int group = m.group(1) != null ? 1 : 2;
      String user = m.group(group);
      if (GENERIC.contains(user.toLowerCase(Locale.ROOT)) || user.startsWith("$")) {
        continue;
      }
      int end = m.end(group);
      while (text.charAt(end - 1) == '.') {
        end--; // the full stop of a sentence ending with the path
      }
      out.add(new Entity(EntityType.HOME_PATH, m.start(), end));
    }
  }
}
