package dev.pith.inference.privacy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys, tokens, private keys and passwords.
 *
 * <ul>
 *   <li>Keys with a known prefix: OpenAI/Anthropic {@code sk-...}, GitHub {@code ghp_ gho_ ghu_ ghs_ ghr_ github_pat_},
 *       Slack {@code xox?-}, AWS access key ids {@code AKIA/ASIA}, Google {@code AIza}, GitLab {@code glpat-},
 *       Stripe {@code sk_/pk_/rk_ live/test}, Hugging Face {@code hf_}, npm {@code npm_}, SendGrid {@code SG.},
 *       and JSON Web Tokens ({@code eyJ...eyJ...sig}).
 *   <li>PEM private key blocks, from {@code -----BEGIN ... PRIVATE KEY-----} to its END line (or, when cut off,
 *       to the last base64 line).
 *   <li>The value in an assignment to a password, secret, token or key ({@code password=hunter2},
 *       {@code "api_key": "..."}, {@code Passwd: ...}); not type names ({@code password: string}), placeholders
 *       ({@code <password>}, {@code ***}), environment references ({@code $DB_PASS}) or code calls
 *       ({@code getpass()}). A token or key value must look random (8+ characters with a digit or mixed case).
 *   <li>High-entropy strings: 24+ characters of the base64/base64url alphabet with upper case, lower case and at
 *       least two digits and a Shannon entropy near that of random text. Pure hex strings are left alone, so git
 *       commit hashes, SHA digests and UUIDs (ids, not secrets) are not replaced; nor are code identifiers and long
 *       words, which have no digits or too little entropy.
 * </ul>
 */
final class SecretDetector implements Detector {
  private static final Pattern PREFIXED = Pattern.compile("(?<![\\w-])(?:"
      + "sk-(?:proj-|ant-(?:api\\d\\d-)?|svcacct-|admin-)?[A-Za-z0-9_-]{20,}"
      + "|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}"
      + "|xox[abposr]-[A-Za-z0-9-]{10,}"
      + "|(?:AKIA|ASIA)[A-Z0-9]{16}"
      + "|AIza[0-9A-Za-z_-]{35}"
      + "|glpat-[A-Za-z0-9_-]{20,}"
      + "|(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,}"
      + "|hf_[A-Za-z0-9]{30,}|npm_[A-Za-z0-9]{36}"
      + "|SG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}"
      + "|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"
      + ")(?![\\w-])");
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----(?:[\\s\\S]*?-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----"
          + "|(?:\\s*[A-Za-z0-9+/=:,-]+(?: [A-Za-z0-9+/=:,-]+)*)*)");
  private static final Pattern ASSIGNMENT = Pattern.compile(
      "(?<![A-Za-z0-9])((password|passwd|passwort|pwd|pass|passphrase|secret|token|api[_-]?key"
          + "|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|auth))[\"']?(?:\\s+is)?"
          + "\\s{0,3}(?:=|:|=>|:=)\\s{0,3}(?:\"([^\"\\n]{1,200})\"|'([^'\\n]{1,200})'|([^\\s,;'\"`)}\\]]{1,200}))",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NOT_A_VALUE = Pattern.compile(
      "[*x.\\-_#?]+|<.*|\\[.*|\\{.*|\\$\\{?\\w+}?|%\\w+%|.*\\(.*|(?:os|process|env|self|this|config|"
          + "settings|args|request|req|params|options|opts|cfg)\\..*|\\.\\.\\.|…",
      Pattern.CASE_INSENSITIVE);
  private static final Set<String> NOT_SECRETS = Set.of("string", "str", "int", "number", "bool", "boolean", "any",
      "none", "null", "nil", "undefined", "true", "false", "optional", "secretstr", "char", "bytes", "text",
      "varchar", "required", "is", "it", "the", "a", "an", "to", "be", "was", "must", "should", "will",
      "can", "reset", "changed", "field", "empty", "blank", "your", "my", "same", "new", "old", "and", "or", "not",
      "please", "enter", "type", "value", "input", "hidden", "password", "secret", "token", "key", "example",
      "redacted", "removed", "here", "missing", "invalid", "expired", "wrong", "incorrect", "correct", "valid");
  private static final Pattern ENTROPY_CANDIDATE = Pattern.compile("(?<![\\w+/=.-])[A-Za-z0-9+/_-]{24,}={0,2}(?![\\w+/=-])");
  private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_.-";
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F-]+");

  @Override
  public void detect(String text, List<Entity> out) {
    int mine = out.size();
    add(PREFIXED.matcher(text), out);
    if (text.contains("-----BEGIN")) {
      add(PEM.matcher(text), out);
    }
    Matcher a = ASSIGNMENT.matcher(text);
    while (a.find()) {
      int name = a.start();
      while (name > 0 && NAME_CHARS.indexOf(Character.toLowerCase(text.charAt(name - 1))) >= 0) {
        name--;
      }
      if (name > 0 && "?&;".indexOf(text.charAt(name - 1)) >= 0) {
        continue; // a URL's query parameter: UrlSecretDetector's
      }
      int group = a.group(3) != null ? 3 : a.group(4) != null ? 4 : 5;
      String value = a.group(group).strip();
      if (value.isEmpty() || NOT_A_VALUE.matcher(value).matches()
          || NOT_SECRETS.contains(value.toLowerCase(Locale.ROOT))) {
        continue;
      }
      String kind = a.group(2).toLowerCase(Locale.ROOT);
      boolean password = kind.startsWith("pass") || kind.equals("pwd") || kind.equals("secret");
      if (password ? value.length() >= 3 : UrlSecretDetector.secretLooking(value)) {
        int start = a.start(group) + (a.group(group).length() - a.group(group).stripLeading().length());
        out.add(new Entity(EntityType.SECRET, start, start + value.length()));
      }
    }
    Matcher e = ENTROPY_CANDIDATE.matcher(text);
    while (e.find()) {
      Entity candidate = new Entity(EntityType.SECRET, e.start(), e.end());
      if (randomLooking(e.group()) && !out.subList(mine, out.size()).contains(candidate)) {
        out.add(candidate);
      }
    }
  }

  private static void add(Matcher m, List<Entity> out) {
    while (m.find()) {
      out.add(new Entity(EntityType.SECRET, m.start(), m.end()));
    }
  }

  /** Upper, lower, 2+ digits, not pure hex, and entropy close to random text's for its length. */
  static boolean randomLooking(String s) {
    if (HEX.matcher(s).matches()) {
      return false;
    }
    int upper = 0;
    int lower = 0;
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        upper++;
      } else if (c >= 'a' && c <= 'z') {
        lower++;
      } else if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    if (upper == 0 || lower == 0 || digits < 2) {
      return false;
    }
    double threshold = Math.min(4.5, Math.log(s.length()) / Math.log(2) - 0.6);
    return Checks.entropy(s) >= threshold;
  }
}
