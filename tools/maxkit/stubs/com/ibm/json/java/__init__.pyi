"""com.ibm.json.java (IBM JSON4J): JSONObject is a java.util.HashMap (key order
not kept; OrderedJSONObject keeps it), JSONArray a java.util.ArrayList.

``put``/``add`` accept only String, Boolean, Number, JSONObject, JSONArray or
null (IllegalArgumentException otherwise); ``parse`` throws java.io.IOException.
"""

from typing import Any, Union

from java.io import InputStream, Reader, Writer
from java.util import ArrayList, HashMap

_Value = Union[str, bool, int, float, JSONObject, JSONArray, None]
_Source = Union[str, Reader, InputStream]

class JSONArtifact:
    def serialize(self, verbose: bool | Writer = ..., verbose2: bool = ...) -> str: ...
    def toString(self) -> str: ...

class JSONObject(HashMap, JSONArtifact):
    def __init__(self) -> None: ...
    def put(self, key: str, value: _Value) -> Any: ...
    @staticmethod
    def parse(source: _Source) -> JSONObject: ...
    @staticmethod
    def isValidObject(value: object) -> bool: ...
    @staticmethod
    def isValidType(kind: object) -> bool: ...

class OrderedJSONObject(JSONObject):
    @staticmethod
    def parse(source: _Source) -> OrderedJSONObject: ...

class JSONArray(ArrayList, JSONArtifact):
    def __init__(self, capacity: int = ...) -> None: ...
    def add(self, item: _Value) -> bool: ...  # type: ignore[override]
    @staticmethod
    def parse(source: _Source) -> JSONArray: ...

class JSON:
    # Declared JSONArtifact in Java, whose only kinds are these two.
    @staticmethod
    def parse(source: _Source, order: bool = ...) -> JSONObject | JSONArray: ...
