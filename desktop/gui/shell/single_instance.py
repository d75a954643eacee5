"""One app window per workspace: a second start hands its files to the window already running.

Double-clicking a ``.fenjie`` file while Fenjie is open runs ``fenjie open FILE`` a second time.
Two windows on one workspace would each write from their own copy of the plan, so the second
start does not open a window: :func:`hand_over` connects to the running window's local server
(named after the workspace file), sends the files' absolute paths as one JSON line and exits once
the window answers ``ok``. The running window (:class:`InstanceServer`) imports each file as a
new plan (an undo step, as if imported from the menu), shows it and comes to the front. A start
without files just brings the running window to the front. If no window answers (none runs, or
it crashed and left a stale socket), the start goes on as usual and becomes the server.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_MS = 500
REPLY_MS = 30000  # importing a large file may take a while in the running window
MAX_MESSAGE = 1 << 20

Receive = Callable[[list[Path]], object]  # its result is not used


def server_name(db_path: Path) -> str:
    """The local server's name for the workspace at ``db_path`` (the same for every spelling of it)."""
    where = str(Path(db_path).expanduser().resolve())
    return "fenjie-" + hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _send(name: str, message: dict[str, object]) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write((json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass"))
    socket.flush()
    answered = False
    while socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
        if socket.canReadLine() or socket.waitForReadyRead(REPLY_MS):
            answered = bytes(socket.readLine().data()).strip() == b"ok"
            break
        break
    socket.disconnectFromServer()
    return answered


def hand_over(db_path: Path, files: Sequence[Path]) -> bool:
    """Give ``files`` to the window running on ``db_path``; False when no window answers."""
    paths = [str(Path(f).expanduser().absolute()) for f in files]
    return _send(server_name(db_path), {"files": paths})


def is_running(db_path: Path) -> bool:
    """Whether a window is running on ``db_path`` and answering (used by tests and scripts)."""
    return _send(server_name(db_path), {"ping": True})


class InstanceServer(QObject):
    """The running window's end: receives files from later starts and hands them to ``receive``."""

    def __init__(self, db_path: Path, receive: Receive, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.receive = receive
        self.name = server_name(db_path)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening (removing a stale socket a crashed window left behind)."""
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE:
                socket.abort()
            return
        line = bytes(socket.readLine().data())
        try:
            message = json.loads(line.decode("utf-8", "surrogatepass"))
        except (ValueError, UnicodeDecodeError):
            socket.abort()
            return
        files = message.get("files") if isinstance(message, dict) else None
        socket.write(b"ok\n")
        socket.flush()
        if isinstance(files, list):
            self.receive([Path(str(f)) for f in files if isinstance(f, str)])
