package dev.pith.storage.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Chat-like English text for the benchmark: words drawn from a Zipf distribution (exponent 1) over a
 * vocabulary of {@link #VOCABULARY} words (real function and technical words first, then made-up but
 * pronounceable ones), plus numbers, camelCase identifiers (the rare tokens of real chats), punctuation,
 * bullet lists and code blocks. ASCII only, so a streamed answer's length in characters is its length in
 * the database. The vocabulary is fixed; the text depends only on the random generator passed in.
 */
final class Corpus {
  static final int VOCABULARY = 8_000;

  private static final String[] REAL = (
      // Function words, roughly in English frequency order: ranks 0.. are the top of the Zipf list.
      "the to and of a in is it you that for this with on be can are as or not your if use will an by from at "
          + "have what do i how but so which one all there they we more when was has like about then also would "
          + "each other some my only than into just should any these me no its make does here out up may first "
          + "new need way time same because could after two get most want where why them set very such over "
          + "example using see both while those many well between "
          // Words of a technical assistant's answers.
          + "function file data value code error list string number python java model memory server user image "
          + "table query request version system line test output input method class object type name key "
          + "command path directory program library package install run build return variable loop array "
          + "index result check default option config network address port database column row update delete "
          + "create read write start stop process thread time date format text word page link size length "
          + "change problem answer question reason step simple different small large first last next previous "
          + "true false null empty local remote script shell terminal window button screen device battery power "
          + "water heat bread flour sugar recipe oven minutes hours days weeks garden plant soil light cable "
          + "linux windows macos raspberry pi sensor camera audio video music song story history science "
          + "energy price cost money bank account email phone message letter document report table chart").split(" ");

  private static final String[] ONSETS = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s",
      "t", "v", "w", "z", "br", "cr", "dr", "fl", "gr", "pl", "pr", "sh", "st", "th", "tr", "ch", "sl", "sp"};
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "ee", "io", "ou", "oa", "ie"};
  private static final String[] CODAS = {"", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng", "x", "ck", "rt"};
  private static final String[] LANGUAGES = {"python", "java", "bash", "c", "cpp", "js", "sql", ""};
  private static final String[] OPENERS = {"How do I", "Why does", "Can you explain", "What is", "Is it possible to",
      "Could you", "What happens if", "Which", "How can I", "Please help:", "Tell me about"};

  private final String[] words;
  private final double[] cdf;

  Corpus() {
    Set<String> vocab = new LinkedHashSet<>(Arrays.asList(REAL));
    SplittableRandom r = new SplittableRandom(0x5EED);
    while (vocab.size() < VOCABULARY) {
      int syllables = 1 + r.nextInt(3);
      StringBuilder w = new StringBuilder();
      for (int s = 0; s < syllables; s++) {
        w.append(pick(r, ONSETS)).append(pick(r, VOWELS));
      }
      w.append(pick(r, CODAS));
      if (w.length() >= 3) {
        vocab.add(w.toString());
      }
    }
    words = vocab.toArray(new String[0]);
    cdf = new double[words.length];
    double sum = 0;
    for (int i = 0; i < words.length; i++) {
      sum += 1.0 / (i + 1);
      cdf[i] = sum;
    }
    for (int i = 0; i < cdf.length; i++) {
      cdf[i] /= sum;
    }
  }

  /** The word of Zipf rank {@code rank} (0 is the most common). */
  String word(int rank) {
    return words[rank];
  }

  int size() {
    return words.length;
  }

  int zipfRank(SplittableRandom r) {
    int i = Arrays.binarySearch(cdf, r.nextDouble());
    return Math.min(i < 0 ? -i - 1 : i, words.length - 1);
  }

  String word(SplittableRandom r) {
    return words[zipfRank(r)];
  }

  /** A word outside the top {@code skip} ranks (for identifiers and titles). */
  String contentWord(SplittableRandom r, int skip) {
    int rank;
    do {
      rank = zipfRank(r);
    } while (rank < skip);
    return words[rank];
  }

  /** A camelCase identifier of two uncommon words: one rare token to the tokenizer. */
  String identifier(SplittableRandom r) {
    String b = contentWord(r, 100);
    return contentWord(r, 100) + Character.toUpperCase(b.charAt(0)) + b.substring(1);
  }

  String title(SplittableRandom r) {
    int n = 2 + r.nextInt(5);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String w = i == 0 ? contentWord(r, 60) : word(r);
      sb.append(i == 0 ? capitalize(w) : " " + w);
    }
    return sb.toString();
  }

  /** A user's question, 20 to ~200 characters. */
  String question(SplittableRandom r) {
    int target = 20 + (int) (180 * Math.pow(r.nextDouble(), 1.6));
    StringBuilder sb = new StringBuilder();
    if (r.nextInt(2) == 0) {
      sb.append(pick(r, OPENERS));
    }
    while (sb.length() < target) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(token(r));
    }
    if (r.nextInt(10) == 0) {
      sb.append(" `").append(identifier(r)).append("()`");
    }
    sb.append(r.nextInt(8) == 0 ? "?!" : "?");
    sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
    return sb.toString();
  }

  /** An assistant's answer: 200 to 2,000 characters (mean about 600) of prose, lists and sometimes code. */
  String answer(SplittableRandom r) {
    int target = (int) Math.max(200, Math.min(2_000, Math.exp(6.1 + 0.6 * r.nextGaussian())));
    boolean code = r.nextInt(5) == 0;
    StringBuilder sb = new StringBuilder();
    while (sb.length() < target) {
      if (sb.length() > 0) {
        sb.append("\n\n");
      }
      int kind = r.nextInt(100);
      if (code && kind < 25) {
        codeBlock(r, sb);
      } else if (kind < 40) {
        int items = 2 + r.nextInt(4);
        for (int i = 0; i < items; i++) {
          sb.append(i == 0 ? "" : "\n").append(r.nextInt(2) == 0 ? "- " : (i + 1) + ". ");
          sentence(r, sb, 3 + r.nextInt(8));
        }
      } else {
        int sentences = 1 + r.nextInt(4);
        for (int i = 0; i < sentences; i++) {
          sb.append(i == 0 ? "" : " ");
          sentence(r, sb, 5 + r.nextInt(18));
        }
      }
    }
    return sb.toString();
  }

  /** An answer cut into decoder-sized pieces (a word with its leading space, long words split). */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int j = i + 1;
      while (j < text.length() && j - i < 6 && Character.isLetterOrDigit(text.charAt(j))) {
        j++;
      }
      out.add(text.substring(i, j));
      i = j;
    }
    return out;
  }

  private void sentence(SplittableRandom r, StringBuilder sb, int n) {
    for (int i = 0; i < n; i++) {
      String t = token(r);
      if (i == 0) {
        t = capitalize(t);
      } else {
        sb.append(' ');
      }
      sb.append(t);
      if (i < n - 1 && r.nextInt(12) == 0) {
        sb.append(',');
      }
    }
    sb.append(r.nextInt(15) == 0 ? (r.nextInt(2) == 0 ? "!" : ":") : ".");
  }

  private String token(SplittableRandom r) {
    int k = r.nextInt(1_000);
    if (k < 15) {
      return Integer.toString(r.nextInt(k < 5 ? 100 : 100_000));
    }
    if (k < 20) {
      return "`" + identifier(r) + "`";
    }
    if (k < 23) {
      return "\"" + word(r) + "\"";
    }
    if (k < 25) {
      return "(" + word(r) + ")";
    }
    if (k < 27) {
      return word(r) + "-" + word(r);
    }
    if (k < 28) {
      return pick(r, new String[] {"e.g.", "i.e.", "etc.", "c++", "C#", "node.js", "x86-64", "UTF-8", "3.14"});
    }
    return word(r);
  }

  private void codeBlock(SplittableRandom r, StringBuilder sb) {
    sb.append("```").append(pick(r, LANGUAGES)).append('\n');
    int lines = 2 + r.nextInt(7);
    for (int i = 0; i < lines; i++) {
      String id = identifier(r);
      String w = contentWord(r, 20);
      int n = r.nextInt(1_000);
      sb.append(switch (r.nextInt(10)) {
        case 0 -> "def " + id + "(" + w + "):";
        case 1 -> "    return " + w + " + " + n;
        case 2 -> "for " + w + " in range(" + n + "):";
        case 3 -> "std::vector<int> " + id + "(" + n + ");";
        case 4 -> id + "++;";
        case 5 -> "#include <" + w + ".h>";
        case 6 -> "if (" + w + " == " + n + ") { " + id + "(); }";
        case 7 -> "console.log(\"" + w + " " + word(r) + "\");";
        case 8 -> w + " = " + id + "[" + n + "]  # " + word(r) + " " + word(r);
        default -> "SELECT " + w + " FROM " + id + " WHERE " + word(r) + " > " + n + ";";
      }).append('\n');
    }
    sb.append("```");
  }

  private static String capitalize(String w) {
    return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
  }

  private static String pick(SplittableRandom r, String[] from) {
    return from[r.nextInt(from.length)];
  }
}
