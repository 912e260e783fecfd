package dev.pith.inference.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Street addresses, offline, by shape: a house number and a street name ending in a street word ("12 Baker Street",
 * "1600 Pennsylvania Ave NW", or "Baker Street 12"; a street with no number, "Main Street", is no one's address), a street word first ("Rue de Tanger 29", "Via Roma 131", "ul. Narewska 94"), a street
 * name that is one word ending in its language's street word ("Augsburger Strasse 36", "Vesterskovvej 79",
 * "Snellmaninkatu 55"), or any capitalised name and number where the text says it is an address ("my address is
 * Jagerij 64", "22829 Jagerij 64"); also PO boxes and US military addresses. Each takes what follows it as long as it
 * looks like the rest of an address: a unit ("Apt. 4B", "Suite 100"), then up to four short city / state / country /
 * postcode parts on the same line after commas or on the next lines. "the corner of A and B" is one address.
 *
 * <p>Precompiled patterns only; thread-safe.
 */
final class StreetAddressDetector implements Detector {
  private static final String NUM = "\\d{1,6}[A-Za-z]?(?:[-/]\\d{1,5}[A-Za-z]?)?";
  /** One word of a street's name: capitalised (any script), or a particle ("de", "la", "dei"). */
  private static final String NAME_WORD = "(?:\\p{Lu}[\\p{L}\\p{M}'’.-]*|\\d{1,3}(?:st|nd|rd|th)"
      + "|(?:de|la|le|du|des|del|della|dei|degli|di|da|do|dos|das|van|von|der|den|y|e|et|am|an|im|zum|zur|sur)"
      + "(?=\\s))";
  /** A street's name; only after a street word may it start with a particle ("Rue de la Paix"). */
  private static final String NAME = "(?:\\p{Lu}[\\p{L}\\p{M}'’.-]*|\\d{1,3}(?:st|nd|rd|th))(?:[ ]" + NAME_WORD + "){0,4}";
  private static final String NAME_AFTER_PREFIX = NAME_WORD + "(?:[ ]" + NAME_WORD + "){0,4}";
  /** Street words that follow the name, in English (USPS's list, shortened) and a few other languages. */
  private static final String SUFFIX = "(?:Street|St|Avenue|Ave|Av|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|Court|Ct"
      + "|Way|Place|Pl|Terrace|Ter|Crescent|Cres|Close|Grove|Gardens|Gdns|Square|Sq|Parkway|Pkwy|Highway|Hwy"
      + "|Circle|Cir|Trail|Trl|Row|Mews|Walk|Hill|Hills|Rise|Park|Loop|Pass|Path|Pike|Plaza|Point|Ridge|Run"
      + "|Alley|Bypass|Causeway|Cliffs?|Commons?|Corners?|Coves?|Creek|Crossing|Crossroad|Curve|Estates?"
      + "|Expressway|Extensions?|Falls|Ferry|Fields?|Flats?|Forges?|Forks?|Freeway|Gateway|Glens?|Greens?"
      + "|Harbou?rs?|Haven|Heights|Hollow|Islands?|Junction|Keys?|Knolls?|Landing|Manors?|Meadows?|Mills?"
      + "|Motorway|Orchard|Oval|Parade|Prairie|Radial|Ramp|Ranch|Rapids?|Roads|Route|Shoals?|Shores?|Springs?"
      + "|Spurs?|Squares?|Stravenue|Summit|Throughway|Trace|Track|Trafficway|Tunnel|Turnpike|Underpass|Unions?"
      + "|Valleys?|Viaduct|Views?|Villages?|Vista|Wharf|Wynd|Str|Straße|Strasse|Gasse|Weg|Allee|Platz|Ring"
      + "|Laan|Straat|Gracht|Plein|Kade|Dreef|Vej|Gade|Gate|Gata|Gatan|Vägen|Veien|Vegen|Katu|Kuja|Tie|Tee"
      + "|utca|út|tér|körút|terrasse|kapu|sor|u\\.|rkp\\.|St\\.?|str\\.?)(?![\\p{L}\\p{M}])\\.?";
  /** Street words that come first. */
  private static final String PREFIX = "(?:(?i:rue|via|calle|rua|avenida|viale|piazza|corso|chemin|paseo)|Rue|Avenue|Av\\.|Avda\\.|Avenida|Boulevard|Bd|Chemin|Impasse|Allée|Quai"
      + "|Place|Route|Via|Viale|Vicolo|Piazza|Piazzale|Corso|Largo|Strada|Calle|Carrer|Plaza|Paseo|Camino|Ronda"
      + "|Travesía|Rua|Praça|Travessa|Alameda|Estrada|Rúa|ul\\.|ulica|al\\.|aleja|os\\.|Calea|Bulevardul|Strada"
      + "|Straße|Strasse|Avda|Av|trg|Trg|Λ\\.|Λεωφόρος|Οδός)(?![\\p{L}\\p{M}])";
  /** One word whose ending is its street word: "Augsburger Strasse" is covered by SUFFIX, "Parijsstraat" here. */
  private static final String FUSED = "\\p{Lu}[\\p{L}\\p{M}-]*(?:straße|strasse|str\\.|gasse|weg|allee|platz|ring"
      + "|laan|straat|gracht|plein|kade|dreef|steeg|vej|vegen|veien|veg|gate|gata|gatan|vägen|gränd|gade|stræde"
      + "|katu|kuja|tie|tee|polku|raitti|braut|stræti|straeti|stígur|gata|gatvė|iela|ulica|ova|ská|ská|ská"
      + "|cesta|utca|út)";
  private static final String UNIT = "(?:[,]?\\s{0,3}(?:Apt\\.?|Apartment|Suite|Ste\\.?|Unit|Flat|Floor|Fl\\.?|Room"
      + "|Rm\\.?|Bldg\\.?|Building|#)(?![a-z])\\s?#?[\\dA-Za-z][\\dA-Za-z-]{0,5}\\b)"; // not "United"
  /** An address's street part, one of the shapes above; group "cue" is set when only context makes it one. */
  private static final Pattern STREET = Pattern.compile("(?=[\\p{L}\\d])(?<![\\p{L}\\p{N}])(?:"
      + NUM + "\\s(?:" + NUM + "\\s)?" + NAME + "\\s" + SUFFIX + "(?:\\s(?:N|S|E|W|NE|NW|SE|SW)(?![\\p{L}\\p{M}]))?"
      + "(?:\\s" + NUM + "\\b\\.?)?"
      + "|" + NAME + "\\s" + SUFFIX + "\\s" + NUM + "\\b\\.?"
      + "|" + NUM + ",?\\s(?:" + NUM + "\\s)?" + PREFIX + "\\s" + NAME_AFTER_PREFIX + "(?:,?\\s" + NUM + "\\b\\.?)?"
      + "|" + PREFIX + "\\s" + NAME_AFTER_PREFIX + ",?\\s" + NUM + "\\b\\.?"
      + "|(?:" + NUM + "\\s)?" + FUSED + "\\s" + NUM + "\\b\\.?"
      + "|" + NUM + "\\s(?:" + NUM + "\\s)?" + NAME + "\\s" + NUM + "\\b\\.?"
      + "|(?<cue>" + NAME + "\\s" + NUM + "\\b\\.?)"
      + ")", Pattern.UNICODE_CHARACTER_CLASS);
  /** PO boxes and US military mail (PSC/Unit/CMR ... Box, ship names, then APO/FPO/DPO). */
  private static final Pattern BOX = Pattern.compile("(?i)(?=[PUCB])(?<![\\p{L}\\p{N}])(?:"
      + "(?:P\\.?\\s?O\\.?\\s?Box|Post\\s?Office\\s?Box|Postbox|Postfach|Apartado|Casilla|Boîte postale|BP)\\s?\\d{1,6}"
      + "|(?:PSC|Unit|CMR)\\s\\d{1,5},?\\sBox\\s\\d{1,5}\\s*\\n?\\s*[AFD]PO\\s[A-Z]{2}\\s\\d{5}"
      + "|(?:USNS|USNV|USS|USCGC)\\s\\p{Lu}[\\p{L}'-]+\\s*\\n?\\s*FPO\\s[A-Z]{2}\\s\\d{5})");
  /** Words just before a name-and-number that say it is an address. */
  private static final Pattern CUE = Pattern.compile("(?iu)(?:address(?:es)?(?: is| was)?|addressed to|live[sd]?"
      + " (?:at|on|in)|living (?:at|on|in)|located (?:at|on|in)|moved to|move to|ship(?:ped)? (?:it )?to|send (?:it |"
      + "them )?to|sent to|deliver(?:ed)? (?:it )?to|return (?:it )?to|drops? (?:you|me) off at|pick (?:me|you) up at"
      + "|meet (?:me |you )?at|stop at|corner of|station is on|enter on|mailing|billing|postal|home|office is at"
      + "|is at|are at|it's at|taxi to)[\\s:,]*$");
  private static final int CUE_WINDOW = 30;
  /** After the street: one or two units, then the city / state / country / postcode parts. */
  private static final Pattern UNITS = Pattern.compile(UNIT + "{1,2}", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern PART = Pattern.compile("(?:,\\s{0,3}|\\s*\\n[\\s>?]*(?:,\\s*)?)(?:"
      + "(?:\\p{Lu}[\\p{L}\\p{M}'’.()-]*|\\p{Lu}{2,}|de|la|del|di|u|v|nad|sur|am|an|im|i|bei)"
      + "(?:[ -](?:\\p{Lu}[\\p{L}\\p{M}'’.()-]*|\\(?\\p{Lu}[\\p{L}\\p{M}]*\\)?|de|la|del|di|u|v|nad|sur|am|an|im|bei"
      + "|of|and))*(?:\\s\\d{3,6}(?:-\\d{3,4})?|\\s[A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d|\\s[A-Z]{1,2}\\d[A-Z\\d]?\\s\\d[A-Z]{2})?"
      + "|\\d{3,6}(?:-\\d{3,4})?|[A-Z]{1,2}\\d[A-Z\\d]?\\s\\d[A-Z]{2}|nan(?:\\s\\d{3,6})?)(?=[\\s,.;:!?)]|$)",
      Pattern.UNICODE_CHARACTER_CLASS);
  /** After a unit, a city without a comma: "Apt. 050 Coalville South Africa", to the end of the line or sentence. */
  private static final Pattern TAIL_AFTER_UNIT = Pattern.compile("[ ]+(?:\\p{Lu}[\\p{L}\\p{M}'’()-]*"
      + "(?:[ ](?:\\p{Lu}[\\p{L}\\p{M}'’()-]*|de|la|del|di|nad|sur|am|an|im|bei|\\d{3,6})){0,4})(?=[.?!;]?(?:\\s*\\n|\\s*$)|[.?!;]\\s)",
      Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern CORNER_AND = Pattern.compile("\\s(?:and|&)\\s(?:" + NAME + "(?:\\s" + SUFFIX
      + ")?(?:\\s" + NUM + "\\b\\.?)?)", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern CORNER = Pattern.compile("(?i)(?:the\\s)?corner\\sof\\s$");
  private static final int MAX_PARTS = 4;
  /** A date written with its month's name ("22 May 1973", "3rd Oct. 2024"), which the number-name-number shape fits. */
  private static final Pattern DATE = Pattern.compile("(?i)\\d{1,2}(?:st|nd|rd|th)?\\s(?:jan|feb|mar|apr|may|jun|jul|aug"
      + "|sep|sept|oct|nov|dec)[a-z]*\\.?,?\\s\\d{2,4}\\b.*", Pattern.DOTALL);
  /** Lines after an address that are not its city: sign-offs and contact labels. */
  private static final Pattern NOT_A_PLACE = Pattern.compile("[\\s,>?]*(?i:thanks|thank|regards|cheers|best|sincerely"
      + "|love|hi|hello|dear|mobile|phone|tel|email|e-mail|fax|website|web|desk|office|kind|yours|see)\\b");

  @Override
  public void detect(String text, List<Entity> out) {
    if (!hasDigit(text)) {
      return; // every shape has a house number, box number or postcode
    }
    Matcher m = STREET.matcher(text);
    int from = 0;
    while (from < text.length() && m.find(from)) {
      int start = m.start();
      int end = m.end();
      String before = text.substring(Math.max(0, start - CUE_WINDOW), start);
      boolean cued = CUE.matcher(before).find();
      if (DATE.matcher(text).region(start, end).matches()
          || m.group("cue") != null && !cued && !followedByAddress(text, end)) {
        from = m.start() + 1 + firstWordLength(text, m.start());
        continue;
      }
      Matcher corner = CORNER.matcher(before);
      if (corner.find()) {
        start -= before.length() - corner.start();
        Matcher and = CORNER_AND.matcher(text).region(end, text.length());
        if (and.lookingAt()) {
          end = and.end();
        }
      }
      end = extend(text, end);
      out.add(new Entity(EntityType.STREET_ADDRESS, start, trimEnd(text, start, end)));
      from = end;
    }
    Matcher box = BOX.matcher(text);
    while (box.find()) {
      out.add(new Entity(EntityType.STREET_ADDRESS, box.start(), trimEnd(text, box.start(), extend(text, box.end()))));
    }
  }

  /** The end of the address whose street part ends at {@code end}: units, then city / state / country parts. */
  private static int extend(String text, int end) {
    Matcher units = UNITS.matcher(text).region(end, text.length());
    if (units.lookingAt()) {
      end = units.end();
      Matcher city = TAIL_AFTER_UNIT.matcher(text).region(end, text.length());
      if (city.lookingAt()) {
        return city.end();
      }
    }
    Matcher part = PART.matcher(text);
    for (int n = 0; n < MAX_PARTS; n++) {
      part.region(end, text.length());
      if (!part.lookingAt() || !shortPart(text, part.start(), part.end())
          || NOT_A_PLACE.matcher(text).region(part.start(), part.end()).lookingAt()) {
        break;
      }
      end = part.end();
      units.region(end, text.length());
      if (units.lookingAt()) {
        end = units.end();
      }
    }
    return end;
  }

  /** A city or country part is short: at most five words, and a new line's part is the whole line. */
  private static boolean shortPart(String text, int start, int end) {
    int words = 1;
    for (int k = start; k < end; k++) {
      if (text.charAt(k) == ' ' && k > start && text.charAt(k - 1) != ' ' && text.charAt(k - 1) != ',') {
        words++;
      }
    }
    if (words > 5) {
      return false;
    }
    boolean newLine = text.substring(start, end).indexOf('\n') >= 0;
    if (!newLine || endsWithPostcode(text, start, end)) {
      return true; // "\n Portugal 44674 for post mail?": a place and its postcode end an address whatever follows
    }
    int k = end;
    while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    if (k < text.length() && ".?!;)".indexOf(text.charAt(k)) >= 0) {
      k++; // "... Cyprus 36903? I am in ..."
      return k == text.length() || Character.isWhitespace(text.charAt(k));
    }
    return k == text.length() || text.charAt(k) == '\n' || text.charAt(k) == '\r' || text.charAt(k) == ',';
  }

  /** A part with a letter in it that ends in a number of three or more digits: "Portugal 44674", not "416". */
  private static boolean endsWithPostcode(String text, int start, int end) {
    int digits = 0;
    int k = end;
    while (k > start && Character.isDigit(text.charAt(k - 1))) {
      k--;
      digits++;
    }
    if (digits < 3) {
      return false;
    }
    for (int i = start; i < k; i++) {
      if (Character.isLetter(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a unit or a new line with a city or postcode follows {@code end}. */
  private static boolean followedByAddress(String text, int end) {
    Matcher units = UNITS.matcher(text).region(end, text.length());
    if (units.lookingAt()) {
      return true;
    }
    Matcher part = PART.matcher(text).region(end, text.length());
    return part.lookingAt() && text.substring(end, part.end()).indexOf('\n') >= 0
        && shortPart(text, part.start(), part.end());
  }

  private static boolean hasDigit(String text) {
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  private static int firstWordLength(String text, int start) {
    int k = start;
    while (k < text.length() && !Character.isWhitespace(text.charAt(k))) {
      k++;
    }
    return k - start;
  }

  private static int trimEnd(String text, int start, int end) {
    while (end > start + 1 && ",.; \n\t".indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return end;
  }
}
