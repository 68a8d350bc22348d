# Loaded by the Python that runs moto's server (MotoServer puts this directory on its PYTHONPATH). Two changes to
# moto's DynamoDB, neither to what it answers:
#
# 1. moto keeps every model instance it ever made, for its dashboard's dump (/moto-api/data.json), and that includes
#    the copy of the whole table each transaction takes to roll back with: memory and the dump grew by the table's
#    size with every transaction (1.3 MB a transaction at 2,000 items), until a long run filled the machine.
#    DynamoDB's models are not tracked here; the others still are, SES's sent emails among them, which are read from
#    that dump.
# 2. TransactWriteItems takes that copy once for each item of the transaction, all before the first write, so all
#    alike: here it takes one per table and call. A six-item transaction costs a sixth of the copying.
import copy as _copy
import threading as _threading

import moto.core.common_models as _models
import moto.dynamodb.models as _dynamodb


def _new(cls, *args, **kwargs):
    instance = object.__new__(cls)
    if not cls.__module__.startswith("moto.dynamodb"):
        cls.instances_tracked.append(instance)
    return instance


_models.BaseModel.__new__ = _new


class _OneCopyPerTransaction:
    """Stands for the copy module in moto's DynamoDB backend: within a transaction, a table is copied once."""

    def __init__(self):
        self._local = _threading.local()

    def __getattr__(self, name):
        return getattr(_copy, name)

    def deepcopy(self, value, memo=None):
        copies = getattr(self._local, "copies", None)
        if copies is None or memo is not None:
            return _copy.deepcopy(value, memo)
        if id(value) not in copies:
            copies[id(value)] = (value, _copy.deepcopy(value))
        return copies[id(value)][1]

    def transaction(self, write):
        def transact_write_items(backend, *args, **kwargs):
            self._local.copies = {}
            try:
                return write(backend, *args, **kwargs)
            finally:
                self._local.copies = None

        return transact_write_items


_copies = _OneCopyPerTransaction()
_dynamodb.copy = _copies
_dynamodb.DynamoDBBackend.transact_write_items = _copies.transaction(_dynamodb.DynamoDBBackend.transact_write_items)
