"""psdi.iface.router: Maximo's outbound HTTP handler.

``invoke(metaData, data)`` posts ``data`` with the settings in ``metaData``
(keys are the constants below, e.g. ``URL``, ``HTTPMETHOD``, ``HEADERS``) and
returns the response body as bytes; there is no ``invoke(url, ...)`` overload.
"""

from java.lang import Object
from java.util import Map

class HTTPHandler(Object):
    URL: str
    HTTPMETHOD: str
    HEADERS: str
    COOKIES: str
    HTTPEXIT: str
    CONNECTTIMEOUT: str
    READTIMEOUT: str
    ERRORONSTATUS: str
    ALLRESPONSEHEADERS: str
    RESPONSE_HEADERS: str
    RESPONSE_STATUS: str
    RESPONSE_STATUS_TEXT: str
    FIREANDFORGET: str
    # Manage only (the class facade of naviam-io/vscode-autoscript-deploy).
    FORMDATA: str
    OAUTHCLIENT: str
    CLIENTCERTSTORE: str
    CLIENTCERTTYPE: str
    CLIENTCERTPASS: str
    CLIENTCERTALG: str
    HTTPMETHOD_GET: str
    HTTPMETHOD_HEAD: str
    HTTPMETHOD_POST: str
    HTTPMETHOD_PATCH: str
    HTTPMETHOD_PUT: str
    HTTPMETHOD_DELETE: str
    def __init__(self, endPointInfo: object = ...) -> None: ...
    def invoke(self, metaData: Map, data: bytes | None) -> bytes | None: ...
    def getConnectTimeout(self) -> int: ...
    def getReadTimeout(self) -> int: ...
