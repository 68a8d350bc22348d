# Loaded by the Python that runs moto's server (MotoServer puts this directory on its PYTHONPATH).
#
# moto keeps every model instance it ever made, for its dashboard's dump (/moto-api/data.json), and that includes the
# copy of the whole table each DynamoDB transaction takes to roll back with: memory and the dump grow by the table's
# size with every transaction (1.3 MB a transaction at 2,000 items), until a long run fills the machine. DynamoDB's
# models are not tracked here; the others still are, SES's sent emails among them, which are read from that dump.
import moto.core.common_models as _models


def _new(cls, *args, **kwargs):
    instance = object.__new__(cls)
    if not cls.__module__.startswith("moto.dynamodb"):
        cls.instances_tracked.append(instance)
    return instance


_models.BaseModel.__new__ = _new
