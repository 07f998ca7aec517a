# Jupyter Server settings for the explorers, loaded by `make lab` (JUPYTER_CONFIG_PATH=etc/jupyter).
# A hub or Binder image can copy this file into its /etc/jupyter/ (docs/teaching.md).
#
# Send every kernel message to the browser at once. Jupyter Server leaves Nagle's algorithm on for
# kernel websockets, so a small frame can wait for the browser's delayed ACK (~40 ms on Linux). A
# slider move answers with several small frames; measured in JupyterLab in headless Chromium on this
# project's 2-core machine, key press to new loss on the page: p95 71-77 ms with Nagle, 56-58 without.
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class NoDelayKernelConnection(ZMQChannelsWebsocketConnection):
    """A kernel websocket with TCP_NODELAY set: frames are sent as they come, not coalesced."""

    def connect(self):
        self.websocket_handler.set_nodelay(True)
        return super().connect()


c.ServerApp.kernel_websocket_connection_class = NoDelayKernelConnection  # noqa: F821 (c: the config)
