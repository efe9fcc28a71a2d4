package io.synthos.dashboard;

/** Where the broadcaster writes one client's events: an SSE response, or a fake in tests. */
interface EventSink {

  /** Whether the client's bounded buffer is full: it is not reading as fast as events come. */
  boolean writeQueueFull();

  void write(String frame);

  /** Writes {@code lastFrame} if it can and closes the stream; never waits for the client. */
  void close(String lastFrame);
}
