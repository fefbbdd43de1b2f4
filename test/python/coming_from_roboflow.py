import os
import sys

from roboflow import Roboflow

rf = Roboflow(api_key=os.environ["ROBOFLOW_API_KEY"])
project = rf.workspace().project(os.environ["PROJECT"])
project.upload(sys.argv[1], batch_name="First batch")
batch = next(b for b in project.get_batches()["batches"] if b["name"] == "First batch")
job = project.create_annotation_job(
    name="First job", batch_id=batch["id"],
    labeler_email=os.environ["LABELER"], reviewer_email=os.environ["REVIEWER"],
)
print("images to label:", project.get_annotation_job(job["id"])["unannotated"])
