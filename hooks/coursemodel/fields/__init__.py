"""Field-type units: one folder each (see `coursemodel.fieldtypes`)."""
