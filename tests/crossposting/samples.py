"""What the sample site posts at NOW, and entries tests add to it."""

FLOOD = "https://www.riverford.example/notices/flood-warning-river-ford/"
#: The sample entries dated within 48 hours of NOW: the first run posts these and skips the rest.
RECENT = {
    "https://www.riverford.example/notices/flood-warning-river-ford/",
    "https://www.riverford.example/notices/quay-street-closure/",
    "https://www.riverford.example/notices/millbrook-weir-footpath/",
    "https://www.riverford.example/notices/christmas-bin-collections/",
    "https://www.riverford.example/news/flood-support-fund/",
}
FLOOD_UPDATES = 4

NEW_POST_WITH_IMAGE = """
title: Recycling centre opens on Sundays
date: 2026-11-25 08:30
summary: Eastfield recycling centre now opens on Sundays from 9am to 4pm.
topics: [waste, recycling]
author: Waste services
image: images/recycling-bins.png
image_alt: A row of blue recycling bins with green lids
"""
