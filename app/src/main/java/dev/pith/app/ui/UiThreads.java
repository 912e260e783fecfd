package dev.pith.app.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The window's own threads: named daemons, so a thread dump says what each is and none keeps Pith alive. */
public final class UiThreads {
  private UiThreads() {}

  /** One thread that runs tasks in order. */
  public static ExecutorService single(String name) {
    return Executors.newSingleThreadExecutor(task -> daemon(task, name));
  }

  /** One thread for periodic sampling (memory, power). */
  public static ScheduledExecutorService scheduled(String name) {
    return Executors.newSingleThreadScheduledExecutor(task -> daemon(task, name));
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
