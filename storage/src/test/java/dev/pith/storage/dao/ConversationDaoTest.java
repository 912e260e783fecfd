package dev.pith.storage.dao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pith.storage.Database;
import dev.pith.storage.Fixtures;
import dev.pith.storage.TestClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationDaoTest {
  @TempDir Path dir;

  @Test
  void deleteAllTakesEveryConversationItsMessagesAndTheirSearchEntries() {
    try (Database db = Fixtures.open(dir, new TestClock())) {
      Fixtures.conversation(db, "one", "lighthouse keeper", "a");
      Fixtures.conversation(db, "two", "bread dough", "b");
      assertEquals(2, (int) db.writeAndWait("test", c -> new ConversationDao(c).deleteAll()));
      assertEquals(0L, (long) db.read(c -> new ConversationDao(c).count()));
      assertEquals(0L, (long) db.read(c -> {
        try (var ps = c.prepareStatement("SELECT count(*) FROM messages"); var rs = ps.executeQuery()) {
          return rs.next() ? rs.getLong(1) : -1L;
        }
      }));
      assertTrue(db.read(c -> new SearchDao(c).search("lighthouse", 10, "[", "]")).isEmpty());
    }
  }
}
