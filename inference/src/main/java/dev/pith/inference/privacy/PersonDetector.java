package dev.pith.inference.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People's names, offline: runs of capitalised words that the {@link NameGazetteer} knows as first names or surnames
 * (with middle initials and particles such as "van der"), and capitalised words that a cue marks as a name: a title
 * ("Mr", "Dr", "Frau"), a phrase ("my name is", "Dear", "Regards,"), or the shape "First X. Last". A possessive
 * "'s" is left outside the name.
 *
 * <p>Words that are also ordinary words ("Will", "May", "Grant", "Rose") count as names only beside another name part
 * or after a cue, unless they stand capitalised in mid-sentence; months, weekdays, pronouns and the like never start
 * a name on their own. Thread-safe: all state is in the shared gazetteer and static patterns.
 */
final class PersonDetector implements Detector {
  /** A word: letters (any script) with inner apostrophes or hyphens ("O'Neil", "Jean-Luc"). */
  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}]*(?:['’-]\\p{L}[\\p{L}\\p{M}]*)*");
  /** Cues after which the capitalised words that follow are a name whatever they are. */
  private static final Pattern STRONG_CUE = Pattern.compile("(?iu)(?:\\bmy name is|\\bname is|\\bname's"
      + "|\\bnamed|\\bcalled|\\bi am|\\bi'm|\\bi’m|\\bdear|\\bsigned|\\bregards|\\bsincerely|\\bcheers"
      + "|\\bname:|\\bname\\?|\\bcontact:|\\bfrom:|\\battn\\.?:?|\\bc/o|\\bthis is|\\bcalls? me)[\\s,:]*$");
  /** Cues that make a known-but-ambiguous word, or two unknown capitalised words, a name. */
  private static final Pattern WEAK_CUE = Pattern.compile("(?iu)(?:\\bhi|\\bhello|\\bhey|\\bthanks|\\bthank you"
      + "|\\bby|\\bwith|\\bmeet|\\bmet|\\bask|\\basked|\\btell|\\btold|\\bcall|\\bemail|\\btext|\\binvite"
      + "|\\bstarring|\\bfeaturing|\\bwife|\\bhusband|\\bpartner|\\bson|\\bdaughter|\\bfriend|\\bcolleague"
      + "|\\bboss|\\bmanager|\\bbrother|\\bsister|\\bmother|\\bfather|\\bmom|\\bmum|\\bdad|\\bheard|\\bsaw"
      + "|\\bsays|\\bsaid|\\bcc:?|\\bbest|\\bremind|\\bcongratulate|\\bthank"
      + "|\\b(?:email|message|letter|note|reply|gift|card|invitation|call)s? (?:from|to|for))[\\s,:]*$");
  /** Words after which the next capitalised words are a name too ("Jane said", "asked Jane"). */
  private static final Pattern CUE_AFTER = Pattern.compile("(?u)(?:'s|’s|\\s+(?:said|says|told|asked|wrote"
      + "|writes|replied|lives|lived|works|worked|and I|called|emailed|texted))\\b");
  /**
   * What only a person does, right after a single capitalised word the lists do not know: "Shovda is very reliable"
   * is not enough (anything "is"), but "Trivo lives on", "Gerth had given", "says Hartvigsson" are.
   */
  private static final Pattern PERSON_VERB_AFTER = Pattern.compile("(?u)\\s+(?:lives|lived|is from|was born|had given"
      + "|has given|gave|shouted|whispered|smiled|laughed|began writing|began his|began her"
      + "|said|says|told|asked|wrote|replied|emailed|texted|called me|and I|is my|was my)\\b");
  /** ... or a speech verb right before it: "says Hartvigsson", "asked Quinzia". */
  private static final Pattern PERSON_VERB_BEFORE = Pattern.compile("(?iu)(?:\\bsays|\\bsaid|\\basked|\\btold"
      + "|\\bwrote|\\bthanked|\\bwith (?:mr|mrs|ms|dr)\\.?|\\bchange it to)\\s+$");
  private static final int CUE_WINDOW = 24;
  /** Three or more single capitalised words in a list: "A, B and C", "A, B, C, and D". */
  private static final Pattern LIST = Pattern.compile("(?<![\\p{L}\\p{M}'-])\\p{Lu}[\\p{L}\\p{M}'-]+"
      + "(?:,\\s\\p{Lu}[\\p{L}\\p{M}'-]+)*,?\\s(?:and|&|or)\\s\\p{Lu}[\\p{L}\\p{M}'-]+(?![\\p{L}\\p{M}])");
  /** What follows the last name of a firm named after people: "(, Name| and Name)* Orchestra|Inc|LLC...". */
  private static final Pattern ORG_AFTER = Pattern.compile("(?:(?:,\\s*|\\s+(?:and|&)\\s+)\\p{Lu}[\\p{L}'-]*)*"
      + "(?:,\\s*|\\s+)(?:Orchestra|Band|Inc\\b|Ltd\\b|LLC|LLP|PLC|GmbH|AG\\b|SA\\b|Corp|Corporation|Company"
      + "|Co\\.|Group|Associates|Partners|Technologies|Solutions|Investments|Holdings|Systems|Services|Labs"
      + "|Consulting|Law|Legal|Foundation|Institute|& Sons|and Sons|Brothers|Bros)");

  private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor",
      "sir", "dame", "lord", "lady", "madam", "madame", "mme", "mlle", "monsieur", "herr", "frau", "fräulein",
      "señor", "señora", "sr", "sra", "srta", "don", "doña", "signor", "signora", "sig", "pan", "pani", "rev",
      "reverend", "fr", "father", "sister", "brother", "capt", "captain", "col", "gen", "lt", "sgt", "officer",
      "judge", "uncle", "aunt", "auntie", "grandma", "grandpa", "hr", "fru", "dhr", "mevr", "ing", "mgr",
      "mudr", "judr");
  private static final Set<String> PARTICLES = Set.of("van", "von", "der", "den", "de", "da", "di", "del", "della",
      "des", "du", "la", "le", "ten", "ter", "dos", "das", "bin", "ibn", "al", "el", "y", "zu", "af", "av");
  /** Capitalised words that are never a name on their own, whatever the lists say. */
  private static final Set<String> STOP = Set.of("i", "a", "an", "the", "this", "that", "these", "those", "it",
      "its", "my", "your", "his", "her", "our", "their", "we", "you", "he", "she", "they", "me", "us", "them",
      "in", "on", "at", "for", "from", "to", "of", "and", "or", "but", "if", "so", "as", "by", "with", "when",
      "what", "who", "why", "how", "where", "which", "yes", "no", "not", "please", "thanks", "thank", "hello",
      "hi", "hey", "dear", "ok", "okay", "regards", "best", "cheers", "sincerely", "yours", "also", "then",
      "there", "here", "all", "any", "some", "one", "two", "do", "does", "did", "is", "are", "was", "were", "be",
      "can", "could", "would", "should", "shall", "must", "might", "let", "just", "maybe", "today", "tomorrow",
      "yesterday", "tonight", "january", "february", "march", "july", "september", "october", "november",
      "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
      "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri",
      "sat", "sun", "christmas", "easter", "god", "lord", "jesus", "street", "st", "road", "rd", "avenue", "ave",
      "lane", "drive", "court", "place", "square", "park", "bridge", "station", "airport", "hotel", "hospital",
      "university", "college", "school", "church", "bank", "inc", "ltd", "llc", "corp", "co", "company", "group",
      "team", "north", "south", "east", "west", "new", "old", "saint", "san", "santa", "lake", "mount", "fort",
      "port", "river", "city", "county", "state", "island", "apt", "suite", "unit", "box", "po", "note", "re",
      "fw", "fwd", "subject", "about", "after", "before", "while", "since", "until", "because", "although",
      "however", "hope", "sorry", "welcome", "good", "great", "happy", "english", "french", "german", "spanish",
      "italian", "american", "british", "european", "internet", "email", "phone", "app", "api", "java", "python",
      "javascript", "linux", "windows", "android", "google", "microsoft", "apple", "amazon", "github", "docker",
      "excel", "word", "office", "teams", "slack", "zoom", "chrome", "firefox", "safari", "wifi", "bluetooth",
      "usb", "pi", "raspberry", "ubuntu", "debian", "json", "sql", "html", "css", "http", "https", "url", "git",
      "name", "address", "user", "customer", "client", "admin", "mr", "mrs", "ms", "dr", "orchestra", "band",
      "associates", "technologies", "technology", "solutions", "corporation", "partners", "weekly", "tv",
      "investments", "holdings", "systems", "services", "labs", "consulting", "media", "news", "times", "magazine",
      "records", "studios", "foundation", "institute", "society", "club", "union", "prince", "princess", "queen",
      "duke", "republic", "kingdom", "tower", "castle", "palace", "museum", "cathedral", "stadium", "centre",
      "center", "mall", "market", "gallery", "theatre", "theater", "france", "czech", "novel", "film", "movie", "album", "song", "producer");
  private static final Set<String> PRONOUNS = Set.of("i", "you", "he", "she", "we", "they", "it");
  /** Capitalised words that begin a place's name. */
  private static final Set<String> PLACE_START = Set.of("new", "old", "lake", "mount", "mt", "fort", "port", "saint",
      "st", "san", "santa", "são", "sao", "north", "south", "east", "west", "upper", "lower", "great", "little",
      "cape", "isle", "glen", "los", "las", "el", "la", "le", "rio");
  /** Months, and words that are as often something else, which are a name only beside another name part. */
  private static final Set<String> WEAK = Set.of("april", "may", "june", "august", "will", "bill", "mark", "grant",
      "summer", "autumn", "winter", "spring", "hunter", "rose", "faith", "hope", "joy", "grace", "art", "pat",
      "sue", "ray", "rich", "page", "chase", "guy", "major", "young", "brown", "white", "black", "green", "gray",
      "grey", "king", "long", "ruby", "julia", "ada", "pascal", "crystal", "rust", "swift", "go", "dart", "jade",
      "amber", "ivy", "lily", "daisy", "iris", "jasmine", "violet", "hazel", "olive", "pearl", "penny", "sunny",
      "sky", "storm", "river", "dawn", "eve", "misty", "destiny", "harmony", "trinity", "genesis", "unique",
      "precious", "angel", "sterling", "price", "cash", "rice", "banks", "wells", "hall", "ford", "dell", "paris",
      "florence", "georgia", "chelsea", "india", "austin", "dallas", "houston", "jordan", "victoria", "sydney",
      "adelaide", "phoenix", "orlando", "regina", "camden", "lincoln", "washington", "madison", "kent", "devon",
      "essex", "chester", "jersey", "troy", "israel", "asia", "africa", "america", "europe", "siri", "alexa",
      "china", "virginia", "carolina", "berlin", "vienna", "york", "london", "boston", "denver", "nancy",
      "valencia", "alexandria", "charlotte", "elizabeth", "mercedes", "tesla", "porsche", "dior", "chanel");

  private final NameGazetteer names;
  /** The user's own terms, lower case: the user said what they are, so they are left to the terms detector. */
  private final Set<String> userTerms;

  PersonDetector() {
    this(List.of());
  }

  /** A detector that leaves {@code userTerms} (matched whole, ignoring case) to {@link TermsDetector}. */
  PersonDetector(List<String> userTerms) {
    this.names = NameGazetteer.get();
    this.userTerms = Set.copyOf(userTerms.stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().toList());
  }

  private enum Kind { FIRST, SURNAME, WORD, UNKNOWN, INITIAL, PARTICLE, TITLE, STOP, LOWER }

  /** One word of the text; {@code end} excludes a possessive "'s". */
  private record Token(int start, int end, String lower, Kind kind) {}

  @Override
  public void detect(String text, List<Entity> out) {
    if (!hasUpperCase(text)) {
      // Written all in lower case ("follow up with patricia desrosiers"): capitals tell nothing, so the words are
      // read as if each were capitalised (same length, same offsets) and the lists and cues decide alone.
      detectCased(capitalised(text), out);
      return;
    }
    detectCased(text, out);
  }

  private static boolean hasUpperCase(String text) {
    for (int k = 0; k < text.length(); k++) {
      if (Character.isUpperCase(text.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text} with capitals where careful writing would put them on a name: on the words the lists know as names
   * (not ambiguous ones like "will" or "rose"), and on the word right after a first name ("patricia desrosiers");
   * one char for one char, so offsets hold. Everything else stays lower case, so "went" or "say" never join a name.
   */
  private String capitalised(String text) {
    char[] chars = text.toCharArray();
    Matcher word = WORD.matcher(text);
    int afterFirstName = -1;
    while (word.find()) {
      String lower = word.group().toLowerCase(Locale.ROOT);
      boolean follows = afterFirstName >= 0 && text.substring(afterFirstName, word.start()).equals(" ");
      if (known(lower) || follows && !STOP.contains(lower) && !names.isWord(lower)) {
        chars[word.start()] = Character.toUpperCase(chars[word.start()]);
      }
      afterFirstName = known(lower) && names.isFirstName(lower) ? word.end() : -1;
    }
    return new String(chars);
  }

  private void detectCased(String text, List<Entity> out) {
    int start = out.size();
    List<Token> tokens = tokens(text);
    int i = 0;
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      if (!startsName(t.kind())) {
        i++;
        continue;
      }
      int j = i + 1; // the run of name-like words joined by a space (or ". " after an initial)
      while (j < tokens.size() && joined(text, tokens.get(j - 1), tokens.get(j)) && partOfName(tokens.get(j).kind())
          && j - i < 6) {
        j++;
      }
      while (j > i + 1 && tokens.get(j - 1).kind() == Kind.PARTICLE) {
        j--;
      }
      decide(text, tokens, i, j, out);
      i = j;
    }
    lowerCaseAfterCue(text, tokens, out);
    completeLists(text, start, out);
  }

  /**
   * "Kónya, Becker and Vasquez", "Abramovich and Wilson": in a list of single capitalised words, at least half of them
   * names already found, the other words are names too (not a firm's: "Owens, Duran and Oneal Inc" is left alone).
   */
  private void completeLists(String text, int firstNew, List<Entity> out) {
    if (out.size() == firstNew) {
      return;
    }
    Matcher m = LIST.matcher(text);
    while (m.find()) {
      if (beforeOrganisation(text, m.end())) {
        continue;
      }
      Matcher item = WORD.matcher(text).region(m.start(), m.end());
      List<int[]> missing = new ArrayList<>();
      int items = 0;
      while (item.find()) {
        String word = item.group();
        if (Character.isLowerCase(word.charAt(0))) {
          continue; // "and"
        }
        items++;
        int s = item.start();
        int e = item.end();
        boolean found = false;
        for (int k = firstNew; k < out.size() && !found; k++) {
          found = out.get(k).start() <= s && out.get(k).end() >= e;
        }
        if (!found && !STOP.contains(word.toLowerCase(Locale.ROOT)) && !isAllUpper(word)) {
          missing.add(new int[] {s, e});
        }
      }
      if (!missing.isEmpty() && 2 * (items - missing.size()) >= items) {
        for (int[] r : missing) {
          out.add(new Entity(EntityType.PERSON, r[0], r[1]));
        }
      }
    }
  }

  /** Adds the name in tokens {@code from..to}, if the words and their context make one. */
  private void decide(String text, List<Token> tokens, int from, int to, List<Entity> out) {
    if (tokens.get(to - 1).kind() == Kind.INITIAL && to - from > 1) { // "Apple A": a trailing initial is not a name
      to--;
    }
    int lead = from; // "Producer James Sparks": a name starts at its first name, so words before one are not it
    while (lead < to && tokens.get(lead).kind() == Kind.UNKNOWN) {
      lead++;
    }
    if (lead < to && lead > from && tokens.get(lead).kind() == Kind.FIRST) {
      from = lead;
    }
    int known = 0;
    int weak = 0;
    int unknown = 0;
    int initials = 0;
    for (int k = from; k < to; k++) {
      switch (tokens.get(k).kind()) {
        case FIRST, SURNAME -> known++;
        case WORD -> weak++;
        case UNKNOWN -> unknown++;
        case INITIAL -> initials++;
        default -> { }
      }
    }
    int words = known + weak + unknown;
    Token first = tokens.get(from);
    Token last = tokens.get(to - 1);
    if (words == 0 || words > 4) {
      return;
    }
    if (from > 0 && PLACE_START.contains(tokens.get(from - 1).lower())
        && Character.isUpperCase(text.charAt(tokens.get(from - 1).start()))
        && joined(text, tokens.get(from - 1), first)) {
      return; // "Lake Como", "New York", "Saint Helena"
    }
    boolean titled = from > 0 && tokens.get(from - 1).kind() == Kind.TITLE && joined(text, tokens.get(from - 1), first);
    if (!titled && to < tokens.size() && tokens.get(to).kind() == Kind.STOP && joined(text, last, tokens.get(to))
        && Character.isUpperCase(text.charAt(tokens.get(to).start()))
        && !PRONOUNS.contains(tokens.get(to).lower())) {
      return; // "Abbey Road", "Golden Gate Bridge", "Russell Group": a name that goes on is a place's or a firm's
              // (unless a title says it is a person's: "Mrs. Barbara Yudina Apt. 675")
    }
    boolean midSentence = !sentenceStart(text, first.start());
    boolean accept;
    if (known > 0 && unknown <= 2) { // the cues below are dearer: look at them only when the words do not decide
      accept = true;
    } else if (titled || STRONG_CUE.matcher(text).region(Math.max(0, first.start() - CUE_WINDOW), first.start()).find()) {
      accept = true;
    } else if (!midSentence && words == 1 && weak == 1 && lineStart(text, first.start())
        && last.end() < text.length() && text.charAt(last.end()) == ':') {
      accept = true; // a speaker's label: "John: You saved my life!"
    } else if (known > 0) {
      accept = false;
    } else {
      boolean weakCue = WEAK_CUE.matcher(text).region(Math.max(0, first.start() - CUE_WINDOW), first.start()).find()
          || CUE_AFTER.matcher(text).region(last.end(), Math.min(text.length(), last.end() + 12)).lookingAt();
      if (weak == 1 && words == 1 && midSentence && names.isFirstName(first.lower()) && !WEAK.contains(first.lower())) {
        accept = true; // "remind Maria", "named him Frank": a first name that is also a word, capitalised mid-sentence
      } else if (weak > 0) {
        // "Rose Gold", "Summer Sale": ordinary words together need a cue; with a word the lists do not know they
        // are a name mid-sentence or on a line of their own ("Elizabeth Hanson" heading a signature)
        accept = weak + unknown >= 2 ? weakCue || initials > 0 || unknown > 0 && (midSentence
            || tokens.get(from).kind() == Kind.WORD && onItsOwnLine(text, first.start(), last.end()))
            : weakCue && midSentence;
      } else { // unknown words only: "Tilly Nicholson", "Szabina J Gelencsér"
        accept = unknown >= 2 && (initials > 0 || weakCue)
            || unknown <= 2 && initials == 0 && personVerb(text, first.start(), last.end());
      }
    }
    if (accept && !beforeOrganisation(text, last.end())
        && !userTerms.contains(text.substring(first.start(), last.end()).toLowerCase(Locale.ROOT))) {
      out.add(new Entity(EntityType.PERSON, first.start(), last.end()));
    }
  }

  /** Whether a verb only people take stands right after {@code start..end} or a speech verb right before it. */
  private static boolean personVerb(String text, int start, int end) {
    return PERSON_VERB_AFTER.matcher(text).region(end, Math.min(text.length(), end + 24)).lookingAt()
        || PERSON_VERB_BEFORE.matcher(text).region(Math.max(0, start - CUE_WINDOW), start).find();
  }

  /** "my name is lena andersson": lower-case names the lists know, after a strong cue only. */
  private void lowerCaseAfterCue(String text, List<Token> tokens, List<Entity> out) {
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() != Kind.LOWER || !known(t.lower())) {
        continue;
      }
      String before = text.substring(Math.max(0, t.start() - CUE_WINDOW), t.start());
      if (!STRONG_CUE.matcher(before).find()) {
        continue;
      }
      int j = i + 1;
      while (j < tokens.size() && j - i < 3 && tokens.get(j).kind() == Kind.LOWER && known(tokens.get(j).lower())
          && joined(text, tokens.get(j - 1), tokens.get(j))) {
        j++;
      }
      out.add(new Entity(EntityType.PERSON, t.start(), tokens.get(j - 1).end()));
      i = j - 1;
    }
  }

  private boolean known(String lower) {
    return (names.isFirstName(lower) || names.isSurname(lower)) && !names.isWord(lower) && !STOP.contains(lower);
  }

  private List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      if (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
        continue; // inside a longer token such as "abc123def"
      }
      if (end - start > 2 && (text.charAt(end - 2) == '\'' || text.charAt(end - 2) == '’')
          && (text.charAt(end - 1) == 's' || text.charAt(end - 1) == 'S')) {
        end -= 2; // possessive
      }
      String word = text.substring(start, end);
      out.add(new Token(start, end, word.toLowerCase(Locale.ROOT), kind(text, word, start, end)));
    }
    return out;
  }

  private Kind kind(String text, String word, int start, int end) {
    String lower = word.toLowerCase(Locale.ROOT);
    char c = word.charAt(0);
    boolean dotted = end < text.length() && text.charAt(end) == '.';
    if (TITLES.contains(lower) && Character.isUpperCase(c) && (dotted || lower.length() > 1)) {
      return lower.equals("m") && !dotted ? Kind.INITIAL : Kind.TITLE;
    }
    if (!Character.isUpperCase(c)) {
      return PARTICLES.contains(lower) ? Kind.PARTICLE : Kind.LOWER;
    }
    if (word.length() == 1) {
      return Kind.INITIAL;
    }
    if (STOP.contains(lower) || isAllUpper(word) || Character.isDigit(next(text, end))) {
      return Kind.STOP; // "THE", "ESPOO", "Windows 11"
    }
    if (WEAK.contains(lower)) {
      return Kind.WORD;
    }
    if (names.isWord(lower)) {
      return names.isFirstName(lower) || names.isSurname(lower) ? Kind.WORD : Kind.UNKNOWN;
    }
    if (names.isFirstName(lower)) {
      return Kind.FIRST;
    }
    if (names.isSurname(lower)) {
      return Kind.SURNAME;
    }
    for (int k = word.indexOf('-'); k > 0; k = word.indexOf('-', k + 1)) { // "Jean-Luc", "Smith-Jones"
      String part = lower.substring(0, k);
      if (names.isFirstName(part) || names.isSurname(part)) {
        return Kind.SURNAME;
      }
    }
    return Kind.UNKNOWN;
  }

  private static char next(String text, int end) {
    int k = end;
    while (k < text.length() && text.charAt(k) == ' ') {
      k++;
    }
    return k < text.length() ? text.charAt(k) : ' ';
  }

  private static boolean isAllUpper(String word) {
    for (int k = 0; k < word.length(); k++) {
      if (Character.isLowerCase(word.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsName(Kind kind) {
    return kind == Kind.FIRST || kind == Kind.SURNAME || kind == Kind.WORD || kind == Kind.UNKNOWN
        || kind == Kind.INITIAL;
  }

  private static boolean partOfName(Kind kind) {
    return startsName(kind) || kind == Kind.PARTICLE;
  }

  /** Whether {@code b} follows {@code a} in the same name: one space between, or ". " after an initial. */
  private static boolean joined(String text, Token a, Token b) {
    int gap = b.start() - a.end();
    if (gap == 1) {
      return text.charAt(a.end()) == ' ';
    }
    if (gap == 2 && text.charAt(a.end()) == '.' && text.charAt(a.end() + 1) == ' ') {
      return a.kind() == Kind.INITIAL || a.kind() == Kind.TITLE;
    }
    return false;
  }

  /** Whether {@code at} is the first word of its line (after spaces and "> " mail quoting). */
  private static boolean lineStart(String text, int at) {
    int k = at - 1;
    while (k >= 0 && (text.charAt(k) == ' ' || text.charAt(k) == '>' || text.charAt(k) == '\t')) {
      k--;
    }
    return k < 0 || text.charAt(k) == '\n';
  }

  /** Whether {@code start..end} is all its line holds (a signature's or an address label's name line). */
  private static boolean onItsOwnLine(String text, int start, int end) {
    int k = end;
    while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == ',')) {
      k++;
    }
    return lineStart(text, start) && (k == text.length() || text.charAt(k) == '\n' || text.charAt(k) == '\r');
  }

  /** "Davis, Reynolds and Williamson Orchestra": a list of names that ends in a firm's word names a firm. */
  private static boolean beforeOrganisation(String text, int end) {
    Matcher m = ORG_AFTER.matcher(text);
    m.region(end, Math.min(text.length(), end + 60));
    return m.lookingAt();
  }

  /** Whether {@code at} starts a sentence or a line (skipping spaces, quotes and "> " mail quoting). */
  private static boolean sentenceStart(String text, int at) {
    int k = at - 1;
    while (k >= 0 && (text.charAt(k) == ' ' || text.charAt(k) == '\t' || text.charAt(k) == '"'
        || text.charAt(k) == '>' || text.charAt(k) == '“' || text.charAt(k) == '(')) {
      k--;
    }
    return k < 0 || ".!?:\n\r".indexOf(text.charAt(k)) >= 0;
  }
}
