"""Django's JSON serialization format, with times kept to the microsecond (Django's own encoder cuts
them to milliseconds): audit rows restored from a backup read exactly as they were. Registered as the
``exactjson`` format by ``units.backup``."""

import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond:
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder


Deserializer = json.Deserializer
