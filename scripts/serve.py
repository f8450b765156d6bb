#!/usr/bin/env python3
"""Plain static server for the built web app: `serve.py [dir] [--port N]` (default build/web,
port $PORT or 8080; port 0 picks a free one). Binds 127.0.0.1 only.

It sets the MIME types browsers insist on (application/wasm for streaming compilation,
application/manifest+json) and `Cache-Control: no-cache`, which lets the browser keep files but
revalidate them (304), so a new build and a new service worker are always noticed. The first
line printed is the address, for scripts that read it.
"""
import argparse
import functools
import http.server
import os
import sys

MIME = {
    ".wasm": "application/wasm",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".data": "application/octet-stream",
    ".webmanifest": "application/manifest+json",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".ttf": "font/ttf",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}
    quiet = False

    def send_head(self):
        # Revalidation by ETag (nanosecond mtime + size) instead of Last-Modified, whose one-second
        # resolution answers 304 for a file rebuilt within the second it was last fetched (a new
        # sw.js would then go unnoticed).
        self._etag = None
        path = self.translate_path(self.path)
        if os.path.isfile(path):
            st = os.stat(path)
            self._etag = f'"{st.st_mtime_ns:x}-{st.st_size:x}"'
            if self.headers.get("If-None-Match") == self._etag:
                self.send_response(http.HTTPStatus.NOT_MODIFIED)
                self.end_headers()
                return None
        if "If-Modified-Since" in self.headers:
            del self.headers["If-Modified-Since"]
        return super().send_head()

    def end_headers(self):
        if getattr(self, "_etag", None):
            self.send_header("ETag", self._etag)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, fmt, *args):
        if not self.quiet:
            super().log_message(fmt, *args)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", default=os.path.join(here, "..", "build", "web"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args()
    root = os.path.abspath(args.dir)
    if not os.path.isfile(os.path.join(root, "index.html")):
        sys.exit(f"serve: no index.html in {root} (build the web target first)")

    Handler.quiet = args.quiet
    handler = functools.partial(Handler, directory=root)
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    port = server.server_address[1]
    print(f"Serving {root} at http://127.0.0.1:{port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
