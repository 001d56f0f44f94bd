"""A fault-injection TCP proxy on loopback: it holds every chunk a client sends for `delay` seconds, then passes it on.

Used to make a search engine "slower than its timeout" without touching the engine. Standard library only.

As a library (pytest), the proxy runs its own event loop in a background thread and the delay can change at any time:

    with SlowProxy(target_port=9200) as proxy:      # listens on proxy.port (free port unless given)
        proxy.delay = 2.0                            # every later request waits 2 s before reaching the engine
        ...

From a shell, the delay can also come from a file read before each forward, so it can be changed while it runs:

    python benchmarks/slow_proxy.py --port 9299 --target 9200 --delay 0 --delay-file /tmp/es-delay
    echo 1.5 > /tmp/es-delay        # from now on: 1.5 s per request;  rm /tmp/es-delay: back to --delay
"""

import argparse
import asyncio
import contextlib
import threading
from pathlib import Path

MAX_DELAY = 600.0
CHUNK = 65536


class SlowProxy:
    """Forwards 127.0.0.1:port to target_host:target_port, delaying the client-to-target direction by `delay` seconds.

    Bounded: at most `max_connections` at once (more are refused), `connect_timeout` to reach the target, and a
    connection idle for `idle_timeout` seconds in both directions is closed.
    """

    def __init__(
        self,
        target_port: int,
        *,
        delay: float = 0.0,
        port: int = 0,
        target_host: str = "127.0.0.1",
        delay_file: Path | None = None,
        connect_timeout: float = 5.0,
        idle_timeout: float = 60.0,
        max_connections: int = 256,
    ):
        self.target_host = target_host
        self.target_port = target_port
        self.delay = delay
        self.delay_file = delay_file
        self.connect_timeout = connect_timeout
        self.idle_timeout = idle_timeout
        self.max_connections = max_connections
        self.port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._open = 0

    @property
    def delay(self) -> float:
        return self._delay

    @delay.setter
    def delay(self, seconds: float) -> None:
        if not 0 <= seconds <= MAX_DELAY:
            raise ValueError(f"delay must be between 0 and {MAX_DELAY:.0f} seconds, not {seconds}")
        self._delay = float(seconds)  # a float assignment is atomic: the loop thread sees it at the next chunk

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def current_delay(self) -> float:
        """The delay file's value when the file exists and holds a valid number, else `delay`."""
        if self.delay_file is not None:
            with contextlib.suppress(OSError, ValueError):
                return min(max(float(self.delay_file.read_text().strip()), 0.0), MAX_DELAY)
        return self._delay

    # ---------------------------------------------------------------- the asyncio side

    async def serve(self) -> asyncio.Server:
        """Start listening (in the running loop); returns the server. `port` is set to the bound port."""
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]
        return self._server

    async def _handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        if self._open >= self.max_connections:
            client_writer.close()
            return
        self._open += 1
        try:
            try:
                target_reader, target_writer = await asyncio.wait_for(
                    asyncio.open_connection(self.target_host, self.target_port), self.connect_timeout
                )
            except (TimeoutError, OSError):
                return  # the client sees its connection closed, as with a dead engine
            await asyncio.gather(
                self._pipe(client_reader, target_writer, slow=True),
                self._pipe(target_reader, client_writer, slow=False),
                return_exceptions=True,
            )
        finally:
            self._open -= 1
            client_writer.close()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, slow: bool) -> None:
        try:
            while chunk := await asyncio.wait_for(reader.read(CHUNK), self.idle_timeout):
                if slow and (delay := self.current_delay()):
                    await asyncio.sleep(delay)
                writer.write(chunk)
                await writer.drain()
        except (TimeoutError, OSError):
            pass
        finally:
            writer.close()

    # ---------------------------------------------------------------- the library side (a background thread)

    def start(self) -> "SlowProxy":
        """Run the proxy in a daemon thread with its own event loop; returns once it listens."""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name=f"slow-proxy-{self.target_port}", daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.serve(), self._loop).result(timeout=10)
        return self

    def close(self) -> None:
        """Stop listening, drop open connections and stop the thread (bounded: a few seconds at most)."""
        if self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()
        self._loop = None

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        current = asyncio.current_task()
        pending = [task for task in asyncio.all_tasks() if task is not current]
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=3)

    def __enter__(self) -> "SlowProxy":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True, help="Port to listen on (127.0.0.1).")
    parser.add_argument("--target", type=int, required=True, help="Port to forward to (127.0.0.1).")
    parser.add_argument("--delay", type=float, default=0.0, help="Seconds to hold each chunk a client sends.")
    parser.add_argument("--delay-file", type=Path, help="A file whose number, when present, overrides --delay.")
    args = parser.parse_args()
    proxy = SlowProxy(args.target, delay=args.delay, port=args.port, delay_file=args.delay_file)

    async def run() -> None:
        server = await proxy.serve()
        print(f"slow proxy: 127.0.0.1:{proxy.port} -> 127.0.0.1:{args.target}, delay {proxy.current_delay()} s", flush=True)
        async with server:
            await server.serve_forever()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())


if __name__ == "__main__":
    main()
