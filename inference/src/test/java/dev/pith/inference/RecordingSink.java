package dev.pith.inference;

import java.util.ArrayList;
import java.util.List;

/** Collects what a backend streams. */
public class RecordingSink implements TokenSink {
  public final List<Integer> ids = new ArrayList<>();
  public final List<String> pieces = new ArrayList<>();

  @Override
  public void onToken(int tokenId, String text) {
    if (tokenId != NO_TOKEN) {
      ids.add(tokenId);
    }
    pieces.add(text);
  }

  public int[] idArray() {
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  public String text() {
    return String.join("", pieces);
  }
}
