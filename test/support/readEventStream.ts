/** One server-sent event as the consoles' /events streams send it (`event:` name, `data:` JSON). */
export interface StreamEvent { event: string; data: Record<string, unknown> }

/** Reads a text/event-stream response to its end, calling `onEvent` for every complete event. */
export async function readEventStream(res: Response, onEvent: (e: StreamEvent) => void): Promise<void> {
  const reader = res.body?.getReader();
  let buffer = '';
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) return;
    buffer += Buffer.from(chunk.value).toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) onEvent({ event, data: JSON.parse(data) as Record<string, unknown> });
    }
  }
}
