"""Article segmentation of a clean newspaper page: line classification, bylines, datelines, grouping.

The segment stage (`pipeline.stages.segment`) is a thin table wrapper around these modules, which
work on plain strings and offsets so they can be tested without pandas.
"""
