package dev.pith.app.ui.markdown;

import org.commonmark.node.Block;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;

/**
 * A fingerprint of a document's link reference definitions ({@code [label]: url "title"}). A paragraph that uses
 * {@code [label]} renders differently once a later definition arrives, though its own source text is unchanged, so
 * the view compares fingerprints to know when its per-block reuse would be wrong.
 */
final class LinkDefinitions {
  private LinkDefinitions() {}

  /** An empty string when there are none, the common case, found without walking the tree. */
  static String of(Node document, String markdown) {
    if (!markdown.contains("]:")) {
      return "";
    }
    StringBuilder fingerprint = new StringBuilder();
    collect(document, fingerprint);
    return fingerprint.toString();
  }

  private static void collect(Node parent, StringBuilder fingerprint) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof LinkReferenceDefinition definition) {
        fingerprint.append(definition.getLabel()).append('\0').append(definition.getDestination()).append('\0')
            .append(definition.getTitle()).append('\n');
      } else if (child.getFirstChild() instanceof Block) {
        collect(child, fingerprint); // quotes and list items can hold definitions; paragraphs cannot
      }
    }
  }
}
