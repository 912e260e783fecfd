package dev.pith.app.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An answer growing at the end, as it does while a model writes it. */
class MarkdownViewStreamingTest {
  private static final String ANSWER = """
      # Plan

      First, **install** the tools:

      1. Java 17
      2. Maven, from [the site](https://maven.apache.org)

      > Note: `mvn` must be on the PATH.

      ```bash
      ./mvnw -q test
      echo done
      ```

      | Step | Time |
      |------|-----:|
      | build | 3 s |

      [ref]: https://example.com/ref
      Then read the [guide][ref].

      - done
      """;

  @BeforeAll
  static void startJavaFx() throws Exception {
    Fx.start();
  }

  @Test
  void appendingKeepsTheNodesOfEarlierBlocks() throws Exception {
    MarkdownView view = Fx.call(() -> new MarkdownView(url -> {}));
    List<Node> before = Fx.call(() -> {
      view.setMarkdown("# Title\n\nFirst paragraph.\n\n- one\n- two\n\nThe last para");
      return List.copyOf(view.getChildren());
    });
    List<Node> after = Fx.call(() -> {
      view.setMarkdown("# Title\n\nFirst paragraph.\n\n- one\n- two\n\nThe last paragraph grows.");
      return List.copyOf(view.getChildren());
    });
    assertEquals(4, after.size());
    for (int i = 0; i < 3; i++) {
      assertSame(before.get(i), after.get(i), "block " + i + " is unchanged and kept");
    }
    assertNotSame(before.get(3), after.get(3));
    assertEquals("The last paragraph grows.", Fx.text((TextFlow) after.get(3)));
  }

  @Test
  void aBlockThatChangesMeaningIsRebuilt() throws Exception {
    MarkdownView view = Fx.call(() -> new MarkdownView(url -> {}));
    Node paragraph = Fx.call(() -> {
      view.setMarkdown("intro\n\nTitle");
      return view.getChildren().get(1);
    });
    Node heading = Fx.call(() -> {
      view.setMarkdown("intro\n\nTitle\n===");
      return view.getChildren().get(1);
    });
    assertNotSame(paragraph, heading);
    assertTrue(heading.getStyleClass().contains("md-h1"), "a setext underline turns the paragraph into a heading");
  }

  @Test
  void anUnclosedFenceIsAlreadyACodeBlockAndGrowsInPlace() throws Exception {
    MarkdownView view = Fx.call(() -> new MarkdownView(url -> {}));
    CodeBlockView open = Fx.call(() -> {
      view.setMarkdown("Run this:\n\n```py\nprint(1)");
      return assertInstanceOf(CodeBlockView.class, view.getChildren().get(1));
    });
    assertEquals("print(1)", open.code());
    assertEquals("py", open.language());
    CodeBlockView grown = Fx.call(() -> {
      view.setMarkdown("Run this:\n\n```py\nprint(1)\nprint(2)\n```");
      return (CodeBlockView) view.getChildren().get(1);
    });
    assertSame(open, grown);
    assertEquals("print(1)\nprint(2)", grown.code());
  }

  @Test
  void aLaterLinkDefinitionReachesAnEarlierParagraph() throws Exception {
    MarkdownView view = Fx.call(() -> new MarkdownView(url -> {}));
    Fx.run(() -> view.setMarkdown("See [the guide][g].\n\nMore text"));
    assertTrue(Fx.all(view, LinkText.class).isEmpty());
    Fx.run(() -> view.setMarkdown("See [the guide][g].\n\nMore text\n\n[g]: https://example.com/guide"));
    List<String> urls = Fx.all(view, LinkText.class).stream().map(LinkText::url).toList();
    assertEquals(List.of("https://example.com/guide"), urls);
  }

  @Test
  void streamingInChunksEndsExactlyAsRenderingAtOnce() throws Exception {
    String expected = Fx.call(() -> {
      MarkdownView once = new MarkdownView(url -> {});
      once.setMarkdown(ANSWER);
      return Fx.outline(once);
    });
    for (int chunk : new int[] {1, 3, 17}) {
      String streamed = Fx.call(() -> {
        MarkdownView view = new MarkdownView(url -> {});
        for (int end = 0; end < ANSWER.length(); end += chunk) {
          view.setMarkdown(ANSWER.substring(0, end));
        }
        view.setMarkdown(ANSWER);
        return Fx.outline(view);
      });
      assertEquals(expected, streamed, "chunks of " + chunk);
    }
    assertTrue(expected.contains("CodeBlockView[md-code-block] [bash] ./mvnw -q test\necho done"), expected);
    assertTrue(expected.contains("LinkText[md-link] \"guide\""), expected);
  }

  /**
   * Text whose meaning changes as lines grow, for the partial parse: a {@code #} that becomes a lazy continuation,
   * list items after blank lines, setext underlines, tables, a thematic break after a paragraph, HTML and code that
   * run across blank lines.
   */
  private static final String TRICKY = """
      > quoted
      #x and more

      1. one

      2. two
         continued

        still the item

      3) other list
      - bullet

      Title
      ---

      para
      ***

      | a | b |
      |---|:-:|
      | 1 | 2 |

      <!-- comment

      still comment -->

          code

          more code
      text
      ```
      fenced

      ```
      ~~~
      open tilde fence
      """;

  @Test
  void everyPrefixOfAStreamShowsWhatAFreshViewShows() throws Exception {
    for (String answer : List.of(TRICKY, ANSWER)) {
      Fx.run(() -> {
        MarkdownView streamed = new MarkdownView(url -> {});
        for (int end = 0; end <= answer.length(); end++) {
          String prefix = answer.substring(0, end);
          streamed.setMarkdown(prefix);
          MarkdownView fresh = new MarkdownView(url -> {});
          fresh.setMarkdown(prefix);
          assertEquals(Fx.outline(fresh), Fx.outline(streamed), "after " + end + " chars: " + prefix);
        }
      });
    }
  }

  @Test
  void settingTheSameTextAgainChangesNothing() throws Exception {
    MarkdownView view = Fx.call(() -> new MarkdownView(url -> {}));
    List<Node> first = Fx.call(() -> {
      view.setMarkdown(ANSWER);
      return List.copyOf(view.getChildren());
    });
    List<Node> again = Fx.call(() -> {
      view.setMarkdown(new String(ANSWER.toCharArray()));
      return List.copyOf(view.getChildren());
    });
    assertEquals(first.size(), again.size());
    for (int i = 0; i < first.size(); i++) {
      assertSame(first.get(i), again.get(i));
    }
    assertEquals(ANSWER, view.getMarkdown());
  }
}
