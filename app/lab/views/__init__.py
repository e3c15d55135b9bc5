"""The lab's views: each a ``View`` of the one ``LabModel``; ``app.lab.page`` lays them out."""
