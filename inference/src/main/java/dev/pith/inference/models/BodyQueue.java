package dev.pith.inference.models;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A response body the download thread pulls from with a time limit. {@code HttpClient}'s own input stream
 * blocks in {@code read()} with no timeout, so a server that sends headers and then nothing would hang a
 * download forever; here each wait is bounded, which is how a stall is seen and how a cancel is noticed while
 * no bytes arrive. One chunk is requested at a time, so a slow disk slows the socket instead of filling memory.
 */
final class BodyQueue implements Flow.Subscriber<List<ByteBuffer>> {
  private static final Object END = new Object();

  private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelled) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    items.add(item);
  }

  @Override
  public void onError(Throwable throwable) {
    items.add(throwable);
  }

  @Override
  public void onComplete() {
    items.add(END);
  }

  /**
   * The next chunk of the body, or null at its end.
   *
   * @throws TimeoutException when nothing arrived within {@code millis}
   * @throws IOException when the connection failed
   */
  @SuppressWarnings("unchecked")
  List<ByteBuffer> take(long millis) throws IOException, TimeoutException, InterruptedException {
    Object item = items.poll(millis, TimeUnit.MILLISECONDS);
    if (item == null) {
      throw new TimeoutException();
    }
    if (item == END) {
      return null;
    }
    if (item instanceof Throwable) {
      Throwable t = (Throwable) item;
      throw t instanceof IOException ? (IOException) t : new IOException(t.getMessage(), t);
    }
    subscription.request(1);
    return (List<ByteBuffer>) item;
  }

  /** Stops the body; the connection is closed rather than drained. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
