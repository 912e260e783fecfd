package dev.pith.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChatLineTest {

  @Test
  void textIsAStrippedMessage() {
    assertEquals(new ChatLine.Say("hello there"), ChatLine.parse("  hello there \t"));
  }

  @Test
  void blankLinesAreNothing() {
    assertEquals(new ChatLine.Blank(), ChatLine.parse(""));
    assertEquals(new ChatLine.Blank(), ChatLine.parse(" \t "));
  }

  @Test
  void slashStartsACommandWithAnOptionalArgument() {
    assertEquals(new ChatLine.Command("list", ""), ChatLine.parse("/list"));
    assertEquals(new ChatLine.Command("open", "3f2a 9c"), ChatLine.parse(" /OPEN   3f2a 9c "));
    assertEquals(new ChatLine.Command("", ""), ChatLine.parse("/"));
  }

  @Test
  void doubleSlashIsAMessageStartingWithASlash() {
    assertEquals(new ChatLine.Say("/etc/hosts is a file"), ChatLine.parse("//etc/hosts is a file"));
  }
}
