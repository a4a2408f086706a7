print("streetflowd")
