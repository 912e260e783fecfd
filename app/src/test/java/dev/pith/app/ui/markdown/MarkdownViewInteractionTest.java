package dev.pith.app.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.event.Event;
import javafx.scene.AccessibleAction;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Links, images and the Copy button, driven by the events a user's click or key press makes. */
class MarkdownViewInteractionTest {
  private final List<String> opened = new ArrayList<>();

  @BeforeAll
  static void startJavaFx() throws Exception {
    Fx.start();
  }

  private MarkdownView render(String markdown) throws Exception {
    return Fx.call(() -> {
      MarkdownView view = new MarkdownView(opened::add);
      view.setMarkdown(markdown);
      return view;
    });
  }

  private static MouseEvent click(MouseButton button) {
    return new MouseEvent(MouseEvent.MOUSE_CLICKED, 1, 1, 1, 1, button, 1, false, false, false, false,
        button == MouseButton.PRIMARY, false, button == MouseButton.SECONDARY, false, false, true, null);
  }

  private static KeyEvent key(KeyCode code) {
    return new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, false, false, false);
  }

  @Test
  void clickingOrPressingEnterOrSpaceOnALinkOpensItsUrl() throws Exception {
    MarkdownView view = render("see [the **docs**](https://example.com/a?b=c) now");
    LinkText link = Fx.all(view, LinkText.class).get(0);
    assertEquals("the docs", link.getText());
    assertTrue(opened.isEmpty(), "nothing opens by rendering");
    Fx.run(() -> Event.fireEvent(link, click(MouseButton.PRIMARY)));
    assertEquals(List.of("https://example.com/a?b=c"), opened);
    Fx.run(() -> Event.fireEvent(link, click(MouseButton.SECONDARY)));
    assertEquals(1, opened.size(), "a right click opens nothing");
    Fx.run(() -> Event.fireEvent(link, key(KeyCode.ENTER)));
    Fx.run(() -> Event.fireEvent(link, key(KeyCode.SPACE)));
    Fx.run(() -> link.executeAccessibleAction(AccessibleAction.FIRE));
    assertEquals(4, opened.size());
    Fx.run(() -> Event.fireEvent(link, key(KeyCode.A)));
    assertEquals(4, opened.size());
  }

  @Test
  void aLinkIsAKeyboardStopWithAHandCursorAndItsUrlAsTooltip() throws Exception {
    MarkdownView view = render("[mail me](mailto:a@example.com)");
    LinkText link = Fx.all(view, LinkText.class).get(0);
    assertTrue(link.isFocusTraversable());
    assertEquals(Cursor.HAND, link.getCursor());
    assertEquals(AccessibleRole.HYPERLINK, link.getAccessibleRole());
    assertEquals("mailto:a@example.com", Fx.call(() -> link.tooltip().getText()));
  }

  @Test
  void linksToOtherSchemesAreOnlyText() throws Exception {
    MarkdownView view = render("[run](javascript:alert(1)) [file](file:///etc/passwd) [rel](/docs) "
        + "[data](data:text/html,x) <https://ok.example>");
    List<LinkText> links = Fx.all(view, LinkText.class);
    assertEquals(List.of("https://ok.example"), links.stream().map(LinkText::url).toList());
    assertEquals("run file rel data https://ok.example", Fx.text((TextFlow) view.getChildren().get(0)));
    for (Text text : Fx.all(view, Text.class)) {
      Fx.run(() -> Event.fireEvent(text, click(MouseButton.PRIMARY)));
    }
    assertEquals(List.of("https://ok.example"), opened);
  }

  @Test
  void anImageIsNeverLoadedItsAltTextLinksToIt() throws Exception {
    MarkdownView view = render("![a cat](https://example.com/cat.png) ![local](file:///home/me/x.png)");
    assertTrue(Fx.all(view, ImageView.class).isEmpty());
    List<LinkText> links = Fx.all(view, LinkText.class);
    assertEquals(1, links.size());
    assertEquals("a cat", links.get(0).getText());
    assertEquals("https://example.com/cat.png", links.get(0).url());
    assertEquals(2, Fx.all(view, FontIcon.class).size(), "each image is marked by an icon");
    assertTrue(Fx.text((TextFlow) view.getChildren().get(0)).contains("local"));
    Fx.run(() -> Event.fireEvent(links.get(0), click(MouseButton.PRIMARY)));
    assertEquals(List.of("https://example.com/cat.png"), opened);
  }

  @Test
  void copyPutsTheExactCodeOnTheSystemClipboardAndSaysCopied() throws Exception {
    String code = "for i in 1 2 3; do\n  echo \"$i\"\t# tab\ndone";
    MarkdownView view = render("```bash\n" + code + "\n```");
    CodeBlockView block = Fx.all(view, CodeBlockView.class).get(0);
    Label copied = Fx.all(block, Label.class).stream()
        .filter(l -> l.getText().equals(CodeBlockView.COPIED_TEXT)).findFirst().orElseThrow();
    assertEquals(CodeBlockView.COPY_TEXT, block.copyButton().getAccessibleText());
    assertEquals(CodeBlockView.COPY_TEXT, block.copyButton().getTooltip().getText());
    assertEquals(Feather.COPY, ((FontIcon) block.copyButton().getGraphic()).getIconCode());
    assertFalse(copied.isVisible());

    Fx.run(() -> block.copyButton().fire());

    assertEquals(code, Fx.call(() -> Clipboard.getSystemClipboard().getString()));
    assertTrue(copied.isVisible());
    assertEquals(Feather.CHECK, ((FontIcon) block.copyButton().getGraphic()).getIconCode());
  }

  @Test
  void theCopierCanBeInjected() throws Exception {
    List<String> copies = new ArrayList<>();
    CodeBlockView block = Fx.call(() -> {
      MarkdownView view = new MarkdownView(opened::add, copies::add);
      view.setMarkdown("    indented\n    code\n");
      return (CodeBlockView) view.getChildren().get(0);
    });
    Fx.run(() -> block.copyButton().fire());
    assertEquals(List.of("indented\ncode"), copies);
  }

  @Test
  void aWideCodeBlockScrollsSidewaysAndLeavesTheWheelToTheChatList() throws Exception {
    MarkdownView view = render("```\n" + "x".repeat(400) + "\n```");
    List<ScrollEvent> reachedParent = new ArrayList<>();
    ScrollPane scroll = Fx.call(() -> {
      StackPane root = new StackPane(view);
      root.addEventHandler(ScrollEvent.SCROLL, reachedParent::add);
      Scene scene = new Scene(root, 300, 400);
      root.applyCss();
      root.layout();
      return Fx.all(view, ScrollPane.class).get(0);
    });
    assertEquals(ScrollPane.ScrollBarPolicy.ALWAYS, scroll.getHbarPolicy());
    assertEquals(ScrollPane.ScrollBarPolicy.NEVER, scroll.getVbarPolicy());
    Fx.run(() -> Event.fireEvent(scroll, new ScrollEvent(ScrollEvent.SCROLL, 10, 10, 10, 10, false, false, false,
        false, false, false, 0, -40, 0, -40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
        ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, new PickResult(scroll, 10, 10))));
    assertEquals(1, reachedParent.size(), "a vertical wheel turn scrolls the answer list, not the code");
  }
}
