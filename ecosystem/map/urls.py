"""Addresses of the service map's text view and API (included in the language patterns)."""

from django.urls import path, register_converter

from ecosystem.map import api, graph_api
from ecosystem.map import views as map_views


class NodeConverter:
    """`org:<uuid>` or `svc:<uuid>`, as the map names its nodes."""

    regex = r"(?:org|svc):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(NodeConverter, "node")

app_name = "ecosystem"
urlpatterns = [
    path("ecosystem/map/text/", map_views.text_view, name="map_text"),
    path("api/ecosystem/graph.json", graph_api.graph_json, name="graph_json"),
    path("api/ecosystem/map.json", api.map_json, name="map_json"),
    path("api/ecosystem/map.csv", api.map_csv, name="map_csv"),
    path("api/ecosystem/nodes/<node:node>.json", api.node_json, name="node_json"),
    path("api/ecosystem/paths/<uuid:path_id>.json", api.path_json, name="path_json"),
]
