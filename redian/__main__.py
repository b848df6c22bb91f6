from redian.cli import main

main()
